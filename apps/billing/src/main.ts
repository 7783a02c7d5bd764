import 'reflect-metadata';
import { ConfigError } from '@rental/config';
import { runService } from '@rental/service-kit';
import { loadBillingConfig } from './billing-config';
import { BillingModule } from './billing.module';

// Checked before runService so that a bad billing variable gets the same plain message as a bad
// common one, instead of a stack trace from inside Nest's start-up.
try {
  loadBillingConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`[billing] cannot start. ${error.message}`);
  process.exit(1);
}

void runService('billing', (config) => BillingModule.register(config));
