import { Inject, Injectable } from '@nestjs/common';
import { SharedTokenGuard } from '@rental/service-kit';
import { GATEWAY_SETTINGS, type GatewaySettings } from '../../gateway-settings';

/** Operator endpoints: the X-Admin-Token header must equal GATEWAY_ADMIN_TOKEN. */
@Injectable()
export class AdminTokenGuard extends SharedTokenGuard {
  constructor(@Inject(GATEWAY_SETTINGS) settings: GatewaySettings) {
    super('X-Admin-Token', settings.adminToken);
  }
}
