import 'reflect-metadata';
import { checkSettingsOrExit, runService } from '@rental/service-kit';
import { loadNotificationSettings } from './notification-settings';
import { NotificationModule } from './notification.module';

// Before Nest starts, so that a bad notification variable is reported with the platform's, in one list.
checkSettingsOrExit('notification', () => loadNotificationSettings());

void runService('notification', NotificationModule.register);
