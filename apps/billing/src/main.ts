import 'reflect-metadata';
import { checkSettingsOrExit, runService } from '@rental/service-kit';
import { BillingModule } from './billing.module';
import { loadBillingSettings } from './billing-settings';

// Before Nest starts, so that a bad billing variable is reported with the platform's, in one list.
checkSettingsOrExit('billing', () => loadBillingSettings());

void runService('billing', (config) => BillingModule.register(config));
