import 'reflect-metadata';
import { runService } from '@rental/service-kit';
import { OrderModule } from './order.module';

void runService('order', OrderModule.register);
