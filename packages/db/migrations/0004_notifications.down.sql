drop table if exists outbox, notification_channels, message_templates cascade;
