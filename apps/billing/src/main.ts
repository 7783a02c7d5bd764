import 'reflect-metadata';
import { runService } from '@rental/service-kit';
import { BillingModule } from './billing.module';

void runService('billing', BillingModule.register);
