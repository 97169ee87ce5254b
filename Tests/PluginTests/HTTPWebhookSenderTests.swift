import Foundation
import Logging
import PortalKernel
import PortalTestSupport
import Testing

@testable import HTTPWebhooks

@Suite("HTTP webhook sender", .serialized)
struct HTTPWebhookSenderTests {
    /// Posts to `url` as an operator who allows `http` and internal hosts (`webhooks.allowInsecure`) would, or not.
    func post(to url: String, allowsInsecure: Bool = true) async throws {
        try await HTTPWebhookSender(timeoutSeconds: 5, allowsInsecure: allowsInsecure).post(
            SignedWebhook(url: url, headers: ["Content-Type": "application/json", "Portal-Event": "lead.created"], body: "{}"))
    }

    @Test("2xx is delivered; 408, 429, 5xx and a refused connection are worth retrying; other 4xx are permanent", arguments: [
        (200, nil), (204, nil), (500, "transient"), (503, "transient"), (408, "transient"), (429, "transient"), (404, "permanent"),
        (410, "permanent"), (400, "permanent"),
    ] as [(Int, String?)])
    func statusMapping(status: Int, expected: String?) async throws {
        let receiver = try await LocalWebhookReceiver(secret: "s", status: status)
        defer { receiver.stop() }
        do {
            try await post(to: receiver.url)
            #expect(expected == nil, "HTTP \(status) counted as delivered")
        } catch WebhookDeliveryError.transient(let reason) {
            #expect(expected == "transient" && reason.contains("\(status)"), "HTTP \(status): \(reason)")
        } catch WebhookDeliveryError.permanent(let reason) {
            #expect(expected == "permanent" && reason.contains("\(status)"), "HTTP \(status): \(reason)")
        }
        #expect(try receiver.received().count == 1)
    }

    @Test("A receiver that is not listening is a temporary failure; a URL that is not http(s) a permanent one")
    func unreachableAndInvalid() async throws {
        let probe = try await LocalWebhookReceiver(secret: "s")
        let url = probe.url
        probe.stop()
        do {
            try await post(to: url)
            Issue.record("a receiver that is not listening counted as delivered")
        } catch WebhookDeliveryError.transient {
        } catch {
            Issue.record("expected a temporary failure, got \(error)")
        }
        await #expect(throws: WebhookDeliveryError.permanent("not an http(s) URL: ftp://files.example/hook")) {
            try await post(to: "ftp://files.example/hook")
        }
    }

    @Test("#17: each forbidden range is refused when saved, in every form the system resolver reads", arguments: [
        "https://127.0.0.1/", "https://127.1.2.3:8443/x", "https://[::1]/", "https://10.0.0.1/", "https://172.16.0.1/",
        "https://172.31.255.255/", "https://192.168.1.1/", "https://169.254.169.254/latest/meta-data/", "https://[fe80::1]/",
        "https://[fc00::1]/", "https://[fd00:ec2::254]/", "https://0.0.0.0/", "https://[::]/", "https://[::ffff:127.0.0.1]/",
        "https://[::ffff:169.254.169.254]/", "https://100.100.100.200/", "https://2130706433/", "https://0177.0.0.1/",
        "https://0x7f.1/", "https://localhost/", "https://LOCALHOST:9000/hooks",
    ])
    func forbiddenAtSave(url: String) async {
        let problem = await HTTPWebhookSender(timeoutSeconds: 5).destinationProblem(url)
        #expect(problem?.hasSuffix("range, inside the server's network") == true, "\(url): \(problem ?? "accepted")")
    }

    @Test("#17: only https unless the operator allows http; a public address passes and a name that does not resolve yet is left to delivery")
    func schemesAndPublicHosts() async {
        let strict = HTTPWebhookSender(timeoutSeconds: 5)
        #expect(await strict.destinationProblem("http://93.184.215.14/hooks")?.contains("only https://") == true)
        #expect(await strict.destinationProblem("https://93.184.215.14/hooks") == nil)
        #expect(await strict.destinationProblem("https://[2606:4700::1111]/hooks") == nil)
        #expect(await strict.destinationProblem("https://hooks.invalid/portal") == nil)
        let privateInstall = HTTPWebhookSender(timeoutSeconds: 5, allowsInsecure: true)
        #expect(await privateInstall.destinationProblem("http://127.0.0.1:9000/hooks") == nil)
        #expect(await privateInstall.destinationProblem("http://localhost/hooks") == nil)
    }

    @Test("#17: a delivery to a loopback receiver is refused without the operator's setting, and nothing reaches it")
    func refusedAtDelivery() async throws {
        let receiver = try await LocalWebhookReceiver(secret: "s")
        defer { receiver.stop() }
        for url in [receiver.url, "https://localhost:\(receiver.port)/hooks", "https://2130706433:\(receiver.port)/hooks"] {
            do {
                try await post(to: url, allowsInsecure: false)
                Issue.record("\(url) was delivered")
            } catch WebhookDeliveryError.permanent(let reason) {
                #expect(reason.hasPrefix("refused: "), "\(url): \(reason)")
            }
        }
        #expect(try receiver.received().isEmpty)
    }

    @Test("#17: a redirect is not followed: the delivery fails for good and the redirect's target receives nothing", arguments: [
        (302, "Found"), (307, "Temporary Redirect"),
    ])
    func redirectNotFollowed(status: Int, reason: String) async throws {
        let target = try await LocalWebhookReceiver(secret: "s")
        defer { target.stop() }
        let redirecting = try await LocalWebhookReceiver(secret: "s", status: status, redirectTo: target.url)
        defer { redirecting.stop() }
        await #expect(throws: WebhookDeliveryError.permanent("HTTP \(status) \(reason) (redirects are not followed)")) {
            try await post(to: redirecting.url)
        }
        #expect(try redirecting.received().count == 1)
        #expect(try target.received().isEmpty)
    }

    @Test("#17: the operator allows http and internal hosts with webhooks.allowInsecure; off by default")
    func operatorSetting() async throws {
        var registry = PluginRegistry()
        HTTPWebhooksPlugin.register(in: &registry)
        let context = PluginContext(logger: Logger(label: "test"), clock: SystemClock())
        for (values, allowed) in [([:], false), (["allowInsecure": "false"], false), (["allowInsecure": "true"], true)] {
            let sender = try await registry.webhookSenders.make("http", settings: DictionarySettings(path: "webhooks", values), context: context)
            let problem = await sender.destinationProblem("http://127.0.0.1:9000/hooks")
            #expect((problem == nil) == allowed, "\(values): \(problem ?? "allowed")")
        }
    }

    @Test("#17: the delivery connects to the address it checked, not to a second answer for the name")
    func pinnedAddress() async throws {
        let checked = try await WebhookDestination.check("https://93.184.215.14:8443/hooks", allowsInsecure: false)
        #expect(checked.host == "93.184.215.14" && checked.pinnedAddress == "93.184.215.14")
        let ipv6 = try await WebhookDestination.check("https://[2606:4700::1111]/hooks", allowsInsecure: false)
        #expect(ipv6.host == "2606:4700::1111" && ipv6.pinnedAddress == "2606:4700::1111")
        let unchecked = try await WebhookDestination.check("http://localhost/hooks", allowsInsecure: true)
        #expect(unchecked.pinnedAddress == nil)
    }

    @Test("#17: a public address of the server's own network interfaces is refused, literal, resolved or carried in IPv6")
    func ownAddress() async throws {
        let own: Set<[UInt8]> = [[93, 184, 215, 14], [0x26, 0x06, 0x47, 0x00] + Array(repeating: 0, count: 11) + [0x11]]
        // A helper's attack reached the server as [::ffff:a.b.c.d]: every form that carries the IPv4 address counts.
        for url in [
            "https://93.184.215.14/hooks", "https://[2606:4700::11]/hooks", "https://[::ffff:93.184.215.14]/hooks",
            "https://[::ffff:5db8:d70e]/hooks", "https://[2002:5db8:d70e::1]/hooks", "https://[64:ff9b::93.184.215.14]/hooks",
        ] {
            await #expect(throws: WebhookDestination.Refused.self, "\(url)") {
                try await WebhookDestination.check(url, allowsInsecure: false, ownAddresses: own)
            }
        }
        let other = try await WebhookDestination.check("https://93.184.215.15/hooks", allowsInsecure: false, ownAddresses: own)
        #expect(other.pinnedAddress == "93.184.215.15")
        #expect(!HostResolver.ownAddresses().isEmpty, "this machine has at least its loopback address")
    }
}
