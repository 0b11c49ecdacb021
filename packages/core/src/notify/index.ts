/** Notifications (通知): the transactional outbox, its channels and templates, delivery and the inbox. */
export * from './notify.types.ts';
export { enqueueMessage, checkRecipient, type EnqueueInput, type EnqueuedMessage } from './enqueue-message.ts';
export { renderTemplate, listTemplates, updateTemplate, TEMPLATE, type RenderedMessage, type TemplateView } from './templates.repository.ts';
export { TEMPLATE_PLACEHOLDERS, SUPERVISION_PLACEHOLDERS, placeholdersFor, renderText, placeholdersOf, checkTemplateText, isTemplateCode, type TemplateCode, type TemplateVars } from './templates.rules.ts';
export { loadChannels, listChannelViews, getChannelView, updateChannel, isChannelCode, type ChannelState, type ChannelView, type ChannelUpdate } from './channels.repository.ts';
export { validateChannelConfig, maskChannelConfig, restoreSecrets, SECRET_MASK } from './channels.rules.ts';
export { deliverPendingMessages, type DeliveryOptions, type DeliveryReport } from './deliver-messages.ts';
export { DeliveryWorker, type DeliveryWorkerOptions } from './delivery-worker.ts';
export { DEFAULT_RETRY_POLICY, retryDelayMs, afterFailure, type RetryPolicy } from './backoff.rules.ts';
export { listInbox, markInboxRead, listMessages, MESSAGE, type InboxOwner, type MessageScope, type MessageFilter } from './messages.repository.ts';
export { defaultAdapters, smsHttpAdapter, wecomAdapter, dingtalkAdapter, emailSmtpAdapter, dingtalkSignedUrl } from './adapters/index.ts';
export { readMessageLog, editTemplate, readChannels, readChannel, configureChannel } from './message-log.ts';
