import 'reflect-metadata';
import { checkSettingsOrExit, runService } from '@rental/service-kit';
import { ProvisioningModule } from './provisioning.module';
import { loadProvisioningSettings } from './provisioning-settings';

// Before Nest starts, so that a bad provisioning variable is reported with the platform's, in one list.
checkSettingsOrExit('provisioning', () => loadProvisioningSettings());

const settings = loadProvisioningSettings();
void runService('provisioning', (config) => ProvisioningModule.register(config, settings));
