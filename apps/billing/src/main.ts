import 'reflect-metadata';
import { checkConfigOrExit, runService } from '@rental/service-kit';
import { loadBillingConfig } from './billing-config';
import { BillingModule } from './billing.module';

// Before Nest starts, so that a bad billing variable is reported with the platform's, in one list.
checkConfigOrExit('billing', () => loadBillingConfig());

void runService('billing', (config) => BillingModule.register(config));
