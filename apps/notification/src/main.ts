import 'reflect-metadata';
import { checkSettingsOrExit, runService } from '@rental/service-kit';
import { NotificationModule } from './notification.module';
import { loadNotificationSettings } from './notification-settings';

// Before Nest starts, so that a bad notification variable is reported with the platform's, in one list.
checkSettingsOrExit('notification', () => loadNotificationSettings());

void runService('notification', NotificationModule.register);
