import { MessagingInboxRetention1797000000000 } from './inbox-retention.migration';
import { MessagingTables1795600000000 } from './messaging-tables.migration';
import { MessagingOutboxSecrets1795600000002 } from './outbox-secrets.migration';

/** Every service runs these before its own migrations: the outbox and inbox beside its state. */
export const messagingMigrations = [MessagingTables1795600000000, MessagingOutboxSecrets1795600000002, MessagingInboxRetention1797000000000];
