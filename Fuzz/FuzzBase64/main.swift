import ChronicleFuzzSupport

// libFuzzer runs `fuzz` (see ChronicleFuzzDriver.h for why not through its own main).
runFuzzer(fuzz)
