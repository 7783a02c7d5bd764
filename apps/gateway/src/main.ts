import 'reflect-metadata';
import { checkSettingsOrExit, runService } from '@rental/service-kit';
import { GatewayModule } from './gateway.module';
import { loadGatewaySettings } from './gateway-settings';
import { configure } from './interface/http/configure-http';

// Before Nest starts, so that a bad gateway variable is reported with the platform's, in one list.
checkSettingsOrExit('gateway', () => loadGatewaySettings());

// Raw bodies: the payment provider's webhook signature covers the exact bytes it sent.
void runService('gateway', GatewayModule.register, { rawBody: true, configure });
