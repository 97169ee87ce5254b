import CairoDocuments
import FilesystemFileStore
import HTTPWebhooks
import JSONStorage
import LogMailer
import PortalApp
import PortalKernel
import SMTPMailer
import SQLiteStorage
import SandboxPayments
import SettingsLeadRouter
import VipsImages
import ZipRouter

// The stock executable's lines, plus our router. `my-portal serve --config my-portal.json` with
// `"leadRouting": {"driver": "zip", …}` runs the portal with it; every other command works as `portal`'s.
var registry = PluginRegistry()
SQLiteStoragePlugin.register(in: &registry)
JSONStoragePlugin.register(in: &registry)
MemoryStoragePlugin.register(in: &registry)
LogMailerPlugin.register(in: &registry)
SMTPMailerPlugin.register(in: &registry)
SettingsLeadRouterPlugin.register(in: &registry)
SandboxPaymentsPlugin.register(in: &registry)
HTTPWebhooksPlugin.register(in: &registry)
FilesystemFileStorePlugin.register(in: &registry)
VipsImagesPlugin.register(in: &registry)
CairoDocumentsPlugin.register(in: &registry)
ZipRouterPlugin.register(in: &registry)
await PortalCommand.main(registry: registry)
