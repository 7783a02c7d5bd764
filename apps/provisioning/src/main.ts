import 'reflect-metadata';
import { ConfigError } from '@rental/config';
import { loadServiceConfig, runService } from '@rental/service-kit';
import { ProvisioningModule } from './provisioning.module';
import { loadProvisioningSettings, type ProvisioningSettings } from './provisioning-settings';

/** The service's own variables are checked before start-up, and reported with the platform's in one list. */
function settingsOrExit(): ProvisioningSettings {
  try {
    return loadProvisioningSettings();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const problems = [...error.problems];
    try {
      loadServiceConfig('provisioning');
    } catch (platform) {
      if (platform instanceof ConfigError) problems.unshift(...platform.problems);
    }
    console.error(`[provisioning] cannot start. ${new ConfigError(problems).message}`);
    process.exit(1);
  }
}

const settings = settingsOrExit();
void runService('provisioning', (config) => ProvisioningModule.register(config, settings));
