import ChronicleCore
import Foundation
import Testing

@testable import ChronicleS3

/// The signer against AWS's published Signature Version 4 test suite. Expected canonical
/// requests, strings to sign and signatures are copied from the suite's files as published in
/// awslabs/aws-c-auth, tests/aws-signing-test-suite/v4/<name>/{request.txt, context.json,
/// header-canonical-request.txt, header-string-to-sign.txt, header-signature.txt} (the suite
/// that was in the AWS General Reference, "Signature Version 4 test suite"): credentials
/// AKIDEXAMPLE / wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY, 2015-08-30T12:36:00Z, us-east-1,
/// service "service".
@Suite struct SigV4TestSuiteTests {
    static let secret = Secret("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
    static let date = Date(timeIntervalSince1970: 1_440_938_160)  // 2015-08-30T12:36:00Z

    struct Vector: Sendable, CustomStringConvertible {
        var name: String
        var request: SigV4Signer.Request
        var canonical: String
        var stringToSign: String
        var signature: String
        var description: String { name }
    }

    static let vectors: [Vector] = [
        Vector(
            name: "get-vanilla",
            request: .init(method: "GET", path: "/", headers: [("Host", "example.amazonaws.com")], payloadHash: SigV4Signer.emptyPayloadSHA256),
            canonical: "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            stringToSign: "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\nbb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63",
            signature: "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"
        ),
        Vector(
            name: "get-vanilla-query-order-key-case",
            request: .init(
                method: "GET", path: "/", query: [("Param2", "value2"), ("Param1", "value1")], headers: [("Host", "example.amazonaws.com")],
                payloadHash: SigV4Signer.emptyPayloadSHA256
            ),
            canonical: "GET\n/\nParam1=value1&Param2=value2\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            stringToSign: "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n816cd5b414d056048ba4f7c5386d6e0533120fb1fcfa93762cf0fc39e2cf19e0",
            signature: "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500"
        ),
        Vector(
            name: "get-header-value-trim",
            request: .init(
                method: "GET", path: "/",
                headers: [("Host", "example.amazonaws.com"), ("My-Header1", " value1"), ("My-Header2", " \"a   b   c\"")],
                payloadHash: SigV4Signer.emptyPayloadSHA256
            ),
            canonical: "GET\n/\n\nhost:example.amazonaws.com\nmy-header1:value1\nmy-header2:\"a b c\"\nx-amz-date:20150830T123600Z\n\nhost;my-header1;my-header2;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            stringToSign: "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\na726db9b0df21c14f559d0a978e563112acb1b9e05476f0a6a1c7d68f28605c7",
            signature: "acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736"
        ),
        Vector(
            name: "post-vanilla",
            request: .init(method: "POST", path: "/", headers: [("Host", "example.amazonaws.com")], payloadHash: SigV4Signer.emptyPayloadSHA256),
            canonical: "POST\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            stringToSign: "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n553f88c9e4d10fc9e109e2aeb65f030801b70c2f6468faca261d401ae622fc87",
            signature: "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b"
        ),
        // The body "Param1=value1" is signed: its SHA-256 is sent as x-amz-content-sha256 (sign_body true).
        Vector(
            name: "post-x-www-form-urlencoded",
            request: .init(
                method: "POST", path: "/",
                headers: [
                    ("Content-Type", "application/x-www-form-urlencoded"), ("Host", "example.amazonaws.com"), ("Content-Length", "13"),
                    ("x-amz-content-sha256", "9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e"),
                ],
                payloadHash: "9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e"
            ),
            canonical: "POST\n/\n\ncontent-length:13\ncontent-type:application/x-www-form-urlencoded\nhost:example.amazonaws.com\nx-amz-content-sha256:9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e\nx-amz-date:20150830T123600Z\n\ncontent-length;content-type;host;x-amz-content-sha256;x-amz-date\n9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e",
            stringToSign: "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\nb1edd1d03544c25390e32085d55b57acc9a3961bb59415ff86c45c3d89d16cfb",
            signature: "d3875051da38690788ef43de4db0d8f280229d82040bfac253562e56c3f20e0b"
        ),
    ]

    @Test(arguments: vectors)
    func publishedVector(_ v: Vector) throws {
        let headers = SigV4Signer.sign(v.request, accessKeyID: "AKIDEXAMPLE", secretAccessKey: Self.secret, region: "us-east-1", service: "service", date: Self.date)
        var withDate = v.request
        withDate.headers.append(("x-amz-date", "20150830T123600Z"))
        #expect(SigV4Signer.canonicalRequest(withDate) == v.canonical)
        #expect(SigV4Signer.stringToSign(canonicalRequest: v.canonical, amzDate: "20150830T123600Z", scope: "20150830/us-east-1/service/aws4_request") == v.stringToSign)
        let authorization = try #require(headers.first { $0.name == "authorization" }?.value)
        #expect(authorization.hasSuffix("Signature=" + v.signature))
        #expect(authorization.hasPrefix("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request,SignedHeaders="))
    }
}

/// The worked examples of the Amazon S3 API Reference, "Signature Calculations for the
/// Authorization Header: Transferring Payload in a Single Chunk (AWS Signature Version 4)"
/// (docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html): access key
/// AKIAIOSFODNN7EXAMPLE, secret wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY, 20130524T000000Z,
/// us-east-1, bucket examplebucket. Expected values copied from that page.
@Suite struct S3DocumentationExampleTests {
    static let secret = Secret("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
    static let date = Date(timeIntervalSince1970: 1_369_353_600)  // 2013-05-24T00:00:00Z
    static let host = ("host", "examplebucket.s3.amazonaws.com")

    func sign(_ request: SigV4Signer.Request) -> String {
        let headers = SigV4Signer.sign(request, accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: Self.secret, region: "us-east-1", service: "s3", date: Self.date)
        return headers.first { $0.name == "authorization" }?.value ?? ""
    }

    @Test func getObjectWithRange() {
        let request = SigV4Signer.Request(
            method: "GET", path: "/test.txt",
            headers: [Self.host, ("range", "bytes=0-9"), ("x-amz-content-sha256", SigV4Signer.emptyPayloadSHA256)],
            payloadHash: SigV4Signer.emptyPayloadSHA256
        )
        var dated = request
        dated.headers.append(("x-amz-date", "20130524T000000Z"))
        #expect(SigV4Signer.canonicalRequest(dated) == """
            GET
            /test.txt

            host:examplebucket.s3.amazonaws.com
            range:bytes=0-9
            x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
            x-amz-date:20130524T000000Z

            host;range;x-amz-content-sha256;x-amz-date
            e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
            """)
        #expect(sign(request) == "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41")
    }

    @Test func putObject() {
        let hash = "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072"
        let request = SigV4Signer.Request(
            method: "PUT", path: "/test$file.text",
            headers: [("Date", "Fri, 24 May 2013 00:00:00 GMT"), Self.host, ("x-amz-storage-class", "REDUCED_REDUNDANCY"), ("x-amz-content-sha256", hash)],
            payloadHash: hash
        )
        var dated = request
        dated.headers.append(("x-amz-date", "20130524T000000Z"))
        #expect(SigV4Signer.canonicalRequest(dated).hasPrefix("PUT\n/test%24file.text\n\ndate:Fri, 24 May 2013 00:00:00 GMT\n"))
        #expect(sign(request) == "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class,Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd")
    }

    @Test func getBucketLifecycle() {
        let request = SigV4Signer.Request(
            method: "GET", path: "/", query: [("lifecycle", "")],
            headers: [Self.host, ("x-amz-content-sha256", SigV4Signer.emptyPayloadSHA256)], payloadHash: SigV4Signer.emptyPayloadSHA256
        )
        #expect(sign(request).hasSuffix("Signature=fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543"))
    }

    @Test func listObjects() {
        let request = SigV4Signer.Request(
            method: "GET", path: "/", query: [("prefix", "J"), ("max-keys", "2")],
            headers: [Self.host, ("x-amz-content-sha256", SigV4Signer.emptyPayloadSHA256)], payloadHash: SigV4Signer.emptyPayloadSHA256
        )
        #expect(sign(request).hasSuffix("Signature=34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7"))
    }

    /// The session token is signed and sent, and no header but it carries the secret's value.
    @Test func secretsStayOutOfHeadersAndDescriptions() {
        let token = Secret("FQoGZXIvYXdzEXAMPLETOKENVALUE")
        let headers = SigV4Signer.sign(
            .init(method: "GET", path: "/k", headers: [Self.host], payloadHash: SigV4Signer.unsignedPayload),
            accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: Self.secret, sessionToken: token, region: "us-east-1", service: "s3", date: Self.date
        )
        #expect(headers.contains { $0.name == "x-amz-security-token" && $0.value == "FQoGZXIvYXdzEXAMPLETOKENVALUE" })
        #expect(headers.first { $0.name == "authorization" }?.value.contains("x-amz-security-token") == true)
        #expect(!headers.contains { $0.value.contains("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY") })
        let credentials = S3Credentials(accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: Self.secret, sessionToken: token)
        let printed = "\(credentials) \(String(reflecting: credentials))"
        #expect(!printed.contains("EXAMPLEKEY") && !printed.contains("EXAMPLETOKEN"))
    }
}
