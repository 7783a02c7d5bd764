import 'reflect-metadata';
import { checkSettingsOrExit, runService } from '@rental/service-kit';
import { OrderModule } from './order.module';
import { loadOrderSettings } from './order-settings';

// Before Nest starts, so that a bad order variable is reported with the platform's, in one list.
checkSettingsOrExit('order', () => loadOrderSettings());

void runService('order', OrderModule.register);
