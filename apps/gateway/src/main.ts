import 'reflect-metadata';
import { ConfigError } from '@rental/config';
import { runService } from '@rental/service-kit';
import { GatewayModule } from './gateway.module';
import { loadGatewayConfig } from './infrastructure/gateway-config';
import { configure } from './interface/http/configure-http';

// Refuse to start on a bad gateway variable, naming each, like the shared ones.
try {
  loadGatewayConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`[gateway] cannot start. ${error.message}`);
  process.exit(1);
}

// Raw bodies: the payment provider's webhook signature covers the exact bytes it sent.
void runService('gateway', GatewayModule.register, { rawBody: true, configure });
