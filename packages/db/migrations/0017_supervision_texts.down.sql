update message_templates set subject = '【电子催办】工单{{orderCode}}即将到期', body = '{{unitName}}：工单{{orderCode}}的{{step}}环节将于{{dueAt}}到期，请及时办理。'
  where code = 'supervision.reminder' and lang = 'zh' and body = '{{unitName}}：工单{{orderCode}}的{{step}}环节{{timing}}，请及时办理。';
update message_templates set subject = '[Reminder] Order {{orderCode}} is due soon', body = '{{unitName}}: the {{step}} step of order {{orderCode}} is due at {{dueAt}}. Please act on it in time.'
  where code = 'supervision.reminder' and lang = 'en' and body = '{{unitName}}: the {{step}} step of order {{orderCode}} is due at {{dueAt}} ({{timing}}). Please act on it in time.';
update message_templates set body = '{{leaderName}}同志：贵单位（{{unitName}}）承办的工单{{orderCode}}{{step}}环节已超过时限（{{dueAt}}到期），请督促尽快办理。'
  where code = 'supervision.sms' and lang = 'zh' and body = '{{leaderName}}：贵单位（{{unitName}}）承办的工单{{orderCode}}{{step}}环节{{timing}}，请督促尽快办理。';
update message_templates set body = 'Dear {{leaderName}}, order {{orderCode}} handled by {{unitName}} is past its {{step}} deadline ({{dueAt}}). Please see that it is handled promptly.'
  where code = 'supervision.sms' and lang = 'en' and body = 'Dear {{leaderName}}: order {{orderCode}} handled by {{unitName}}, {{step}} step due at {{dueAt}} ({{timing}}). Please see that it is handled promptly.';
