import 'reflect-metadata';
import { runService } from '@rental/service-kit';
import { NotificationModule } from './notification.module';

void runService('notification', NotificationModule.register);
