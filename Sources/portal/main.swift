import CairoDocuments
import FilesystemFileStore
import HTTPWebhooks
import JSONStorage
import LogMailer
import PortalApp
import PortalKernel
import PostgresStorage
import RuleLeadRouter
import SMTPMailer
import SQLiteStorage
import SandboxPayments
import SettingsLeadRouter
import VipsImages

// The stock executable: the bundled plugins, then the shared command line. A team's own executable copies these
// lines and registers its plugins too (Docs/Plugins.md).
var registry = PluginRegistry()
SQLiteStoragePlugin.register(in: &registry)
JSONStoragePlugin.register(in: &registry)
MemoryStoragePlugin.register(in: &registry)
PostgresStoragePlugin.register(in: &registry)
LogMailerPlugin.register(in: &registry)
SMTPMailerPlugin.register(in: &registry)
SettingsLeadRouterPlugin.register(in: &registry)
RuleLeadRouterPlugin.register(in: &registry)
SandboxPaymentsPlugin.register(in: &registry)
HTTPWebhooksPlugin.register(in: &registry)
FilesystemFileStorePlugin.register(in: &registry)
PostgresFileStorePlugin.register(in: &registry)
VipsImagesPlugin.register(in: &registry)
CairoDocumentsPlugin.register(in: &registry)
await PortalCommand.main(registry: registry)
