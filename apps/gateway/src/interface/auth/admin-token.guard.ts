import { Inject, Injectable } from '@nestjs/common';
import { SharedTokenGuard } from '@rental/service-kit';
import { GATEWAY_CONFIG, type GatewayConfig } from '../../infrastructure/gateway-config';

/** Operator endpoints: the X-Admin-Token header must equal GATEWAY_ADMIN_TOKEN. */
@Injectable()
export class AdminTokenGuard extends SharedTokenGuard {
  constructor(@Inject(GATEWAY_CONFIG) config: GatewayConfig) {
    super('X-Admin-Token', config.adminToken);
  }
}
