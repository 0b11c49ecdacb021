/**
 * The words the API and every client share (one copy): roles, order levels, states, steps, lights,
 * supervision levels, message statuses, and the zh/en labels of steps and actions. Core, the server,
 * the timeline, the OpenAPI summaries and the web apps read them from here.
 */
import { Type, type TLiteral, type TUnion } from '@sinclair/typebox';

export interface Labels {
  zh: string;
  en: string;
}

/** A closed string union as a schema. */
export function literals<const T extends readonly string[]>(values: T, options: { description?: string } = {}): TUnion<TLiteral<T[number]>[]> {
  return Type.Union(values.map((v) => Type.Literal(v)), options) as TUnion<TLiteral<T[number]>[]>;
}

/** Roles (角色, SPEC §1). Stored as rows in `roles`; the codes are fixed because rules refer to them. */
export const ROLES = ['citizen', 'operator', 'dispatcher', 'shift_lead', 'handler', 'grid_worker', 'grid_leader', 'supervisor', 'leader', 'admin', 'integration'] as const;
export type Role = (typeof ROLES)[number];
export const ROLE_LABELS: Record<Role, Labels> = {
  citizen: { zh: '群众', en: 'citizen' },
  operator: { zh: '话务员', en: 'operator' },
  dispatcher: { zh: '分拨员', en: 'dispatcher' },
  shift_lead: { zh: '值班长', en: 'shift lead' },
  handler: { zh: '承办人员', en: 'handler' },
  grid_worker: { zh: '网格员', en: 'grid worker' },
  grid_leader: { zh: '网格长', en: 'grid leader' },
  supervisor: { zh: '督办员', en: 'supervisor' },
  leader: { zh: '领导', en: 'leader' },
  admin: { zh: '系统管理员', en: 'administrator' },
  integration: { zh: '接口系统', en: 'integration' },
};

/** The level an order sits at (层级): where it is being solved. */
export const ORDER_LEVELS = ['grid', 'village', 'town', 'district'] as const;
export type OrderLevel = (typeof ORDER_LEVELS)[number];
export const ORDER_LEVEL_LABELS: Record<OrderLevel, Labels> = {
  grid: { zh: '网格', en: 'grid' },
  village: { zh: '村（社区）', en: 'village' },
  town: { zh: '镇（街道）', en: 'town' },
  district: { zh: '区', en: 'district' },
};

/** Where an order was finally solved: a level, or by the enforcement bureau (综合执法). */
export const SOLVED_LEVELS = [...ORDER_LEVELS, 'enforcement'] as const;

export const UNIT_KINDS = ['centre', 'sub_centre', 'department', 'station', 'grid_team'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];
/**
 * 承办单位: the kinds of unit that sign and handle orders, as lead or co-handler. Centres and sub-centres dispatch
 * (an order sent or escalated to one is theirs to dispatch, not to handle) and grid teams report.
 */
export const HANDLING_UNIT_KINDS = ['department', 'station'] as const satisfies readonly UnitKind[];
export const UNIT_LEVELS = ['city', 'district', 'town', 'village', 'grid'] as const;
export type UnitLevel = (typeof UNIT_LEVELS)[number];
export const UNIT_KIND_LABELS: Record<UnitKind, Labels> = {
  centre: { zh: '指挥中心', en: 'Command centre' },
  sub_centre: { zh: '分中心', en: 'Sub-centre' },
  department: { zh: '职能部门', en: 'Department' },
  station: { zh: '网格工作站', en: 'Grid station' },
  grid_team: { zh: '网格小组', en: 'Grid team' },
};
export const UNIT_LEVEL_LABELS: Record<UnitLevel, Labels> = {
  city: { zh: '市级', en: 'City' },
  district: { zh: '区级', en: 'District' },
  town: { zh: '镇（街道）级', en: 'Town' },
  village: { zh: '村（社区）级', en: 'Village' },
  grid: { zh: '网格级', en: 'Grid' },
};

/** Order states (工单状态). Their labels are rows in `order_states`, so a deployment can rename them. */
export const STATE_CODES = [
  'pending_accept',
  'pending_verify',
  'pending_dispatch',
  'pending_sign',
  'handling',
  'pending_check',
  'pending_callback',
  'pending_close',
  'suspended',
  'closed',
  'rejected',
  'merged',
  'voided',
] as const;
export type StateCode = (typeof STATE_CODES)[number];
/** The states an order ends in (办结, 不予受理, 并单, 作废): no longer 在办; nothing more is done in them but a reopening. */
export const FINAL_STATES: readonly StateCode[] = ['closed', 'rejected', 'merged', 'voided'];
/** The fixed type of each state, which lists and figures group by. */
export const STATE_TYPES = ['new', 'open', 'handling', 'suspended', 'closed', 'voided'] as const;
export type StateType = (typeof STATE_TYPES)[number];

/** The steps of an order's life, each with its own clock (环节). */
export const STEPS = ['accept', 'verify', 'dispatch', 'sign', 'handle', 'check', 'callback'] as const;
export type Step = (typeof STEPS)[number];
export const STEP_LABELS: Record<Step, Labels> = {
  accept: { zh: '受理', en: 'accept' },
  verify: { zh: '核实', en: 'verify' },
  dispatch: { zh: '派遣', en: 'dispatch' },
  sign: { zh: '签收', en: 'sign' },
  handle: { zh: '处置', en: 'handle' },
  check: { zh: '核查', en: 'check' },
  callback: { zh: '回访', en: 'callback' },
};

/** A step clock's traffic light (红黄绿灯): green below 80 % of its limit, yellow until the due time, red after it. */
export const LIGHTS = ['green', 'yellow', 'red'] as const;
export type Light = (typeof LIGHTS)[number];

export const TIME_UNITS = ['urgent_hours', 'working_hours', 'working_days', 'natural_days'] as const;
export type TimeUnit = (typeof TIME_UNITS)[number];
export const TIME_UNIT_LABELS: Record<TimeUnit, Labels> = {
  urgent_hours: { zh: '紧急小时', en: 'urgent hours' },
  working_hours: { zh: '工作时', en: 'working hours' },
  working_days: { zh: '工作日', en: 'working days' },
  natural_days: { zh: '自然日', en: 'natural days' },
};

export const SATISFACTIONS = ['very_satisfied', 'satisfied', 'basically_satisfied', 'dissatisfied', 'very_dissatisfied'] as const;
export type Satisfaction = (typeof SATISFACTIONS)[number];
export const SATISFACTION_LABELS: Record<Satisfaction, Labels> = {
  very_satisfied: { zh: '非常满意', en: 'very satisfied' },
  satisfied: { zh: '满意', en: 'satisfied' },
  basically_satisfied: { zh: '基本满意', en: 'basically satisfied' },
  dissatisfied: { zh: '不满意', en: 'dissatisfied' },
  very_dissatisfied: { zh: '非常不满意', en: 'very dissatisfied' },
};

export const CRS_CODES = ['wgs84', 'gcj02', 'bd09'] as const;

/** A catalogue code (category, condition): letters, digits, '.', '-' or '_', up to 32 characters, e.g. 06010, B01001-01. */
export const CATALOGUE_CODE_PATTERN = '^[0-9A-Za-z][0-9A-Za-z._-]{0,31}$';
export type CrsCode = (typeof CRS_CODES)[number];

/** Order channels and natures built into every deployment (rows in `channels` and `natures`; more may be added). */
export const BUILT_IN_CHANNELS = ['hotline', 'web', 'app', 'wechat', 'grid_patrol', 'video', 'leader', 'transfer', 'open311'] as const;
export const BUILT_IN_NATURES = ['consultation', 'help', 'complaint', 'report', 'suggestion', 'praise'] as const;

/** The waiting request an order may carry (待审批申请). */
export const REQUEST_KINDS = ['extension', 'suspension', 'void'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

/** The supervision ladder (五级督办). Levels are rows in `supervision_levels`; these are the built-in ones. */
export const SUPERVISION_LEVELS = [1, 2, 3, 4, 5] as const;
export type SupervisionLevel = (typeof SUPERVISION_LEVELS)[number];
export const SUPERVISION_LEVEL_LABELS: Record<SupervisionLevel, Labels> = {
  1: { zh: '电子催办', en: 'electronic reminder' },
  2: { zh: '人工交办', en: 'manual assignment' },
  3: { zh: '现场督办', en: 'on-site supervision' },
  4: { zh: '短信督办', en: 'SMS supervision' },
  5: { zh: '专报批办', en: 'special report' },
};
export const SUPERVISION_STATUSES = ['open', 'replied', 'closed'] as const;

/** Notification channels (通知渠道) and the life of an outbox message. */
export const MESSAGE_CHANNELS = ['inbox', 'sms', 'wecom', 'dingtalk', 'email'] as const;
export type MessageChannel = (typeof MESSAGE_CHANNELS)[number];
/** pending: waiting to be sent; sent; stored: kept and readable, never sent (inbox, disabled channel); failed: gave up. */
export const MESSAGE_STATUSES = ['pending', 'sent', 'stored', 'failed'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];
export const LANGS = ['zh', 'en'] as const;
export type Lang = (typeof LANGS)[number];

/**
 * What a user may do beyond the order actions (whose rules are `ACTION_RULES`): one home for "who may do X"
 * (core/org/permissions.rules.ts), returned by /me so a client offers only what the server allows.
 */
/** Urgencies (紧急程度) in rising order: an order takes the higher of the stated one and its condition's. */
export const URGENCIES = ['normal', 'urgent', 'critical'] as const;
export type Urgency = (typeof URGENCIES)[number];
export const URGENCY_LABELS: Record<Urgency, Labels> = {
  normal: { zh: '一般', en: 'Normal' },
  urgent: { zh: '紧急', en: 'Urgent' },
  critical: { zh: '特急', en: 'Critical' },
};

export const PERMISSIONS = [
  'reporters.identity',
  'orders.intake',
  'orders.supervise',
  'supervision.board',
  'supervision.instruct',
  'supervision.policies',
  'messages.log',
  'notifications.manage',
  'audit.read',
  'tokens.manage',
  'territory.manage',
  'catalogue.manage',
  'org.manage',
  'calendar.manage',
  'patrol.record',
  'patrol.coverage',
  'devices.manage',
  'events.review',
  'assessment.view',
  'warnings.view',
  'warnings.handle',
  'warnings.rules',
  'statistics.view',
  'statistics.check',
  'knowledge.read',
  'knowledge.edit',
  'knowledge.review',
  'knowledge.synonyms',
  'knowledge.settings',
  'reports.view',
  'reports.generate',
  'dispatch.suggest',
  'dispatch.models',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** What the audit trail records (审计日志). */
export const AUDIT_ACTIONS = [
  'search_by_phone',
  'view_reporter',
  'view_message_addresses',
  'reveal_phone',
  // administration (系统管理操作): who changed units, accounts, passwords
  'manage_unit',
  'manage_user',
  'reset_password',
  'manage_calendar',
  'manage_catalogue',
  // devices (设备) and event types (事件类型) of the video and IoT intake
  'manage_device',
  'manage_event_type',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Every error code the API answers with (a closed set; `error.code`). */
export const ERROR_CODES = [
  'bad_request',
  'bad_url',
  'invalid_field',
  'invalid_json',
  'invalid_value',
  'unsupported_media_type',
  'unauthenticated',
  'bad_credentials',
  'forbidden',
  'password_change_required',
  'wrong_password',
  'not_found',
  'wrong_state',
  'request_pending',
  'already_answered',
  'username_taken',
  'in_use',
  'duplicate',
  'idempotency_key_reused',
  'invalid_import',
  'catalogue_import_invalid',
  // a knowledge-base import with bad rows (each listed in `problems`)
  'knowledge_import_invalid',
  // 四眼原则: the writer of a pending version may not publish it himself
  'self_review',
  'concurrent_update',
  'link_expired',
  'too_large',
  'path_too_long',
  'unprocessable',
  'reference_missing',
  'login_throttled',
  'rate_limited',
  // a device's signed request (X-Signature wrong; X-Timestamp too old or too far ahead)
  'bad_signature',
  'stale_request',
  // the big screen's token (大屏令牌): none given, not one we made, revoked
  'screen_token_missing',
  'screen_token_invalid',
  'screen_token_revoked',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** The names of the order actions (/orders/{id}/actions/{action}) with their zh/en labels. */
export const ACTION_NAMES = [
  'accept',
  'reject',
  'answer',
  'send-to-verify',
  'verify',
  'classify',
  'dispatch',
  'redispatch',
  'add-co-handler',
  'sign',
  'co-sign',
  'co-feedback',
  'return',
  'request-extension',
  'approve-extension',
  'deny-extension',
  'request-suspension',
  'suspend',
  'deny-suspension',
  'resume',
  'request-void',
  'void',
  'deny-void',
  'escalate',
  'self-handle',
  'feedback',
  'check',
  'callback',
  'reopen',
  'close',
  'force-close',
  'merge',
] as const;
export type ActionName = (typeof ACTION_NAMES)[number];

/** Timeline entries that are not actions a user takes on /actions. */
export const TIMELINE_ONLY_ACTIONS = ['create', 'merged-into', 'supervise', 'supervision-reply', 'supervision-review', 'instruction', 'rate', 'add-caller'] as const;
export const TIMELINE_ACTIONS = [...TIMELINE_ONLY_ACTIONS, ...ACTION_NAMES] as const;
export type TimelineAction = (typeof TIMELINE_ACTIONS)[number];

export interface ActionLabels {
  /** The verb on a button (操作). */
  verb: Labels;
  /** What the timeline says happened (办理过程). */
  done: Labels;
  /** One line for the API documentation. */
  about: string;
}

export const ACTION_LABELS: Record<TimelineAction, ActionLabels> = {
  create: { verb: { zh: '登记', en: 'register' }, done: { zh: '登记', en: 'registered' }, about: 'Create a work order from any channel' },
  accept: { verb: { zh: '受理', en: 'accept' }, done: { zh: '受理', en: 'accepted' }, about: 'Accept a new order (optionally classify it)' },
  reject: { verb: { zh: '不予受理', en: 'reject' }, done: { zh: '不予受理', en: 'not accepted' }, about: 'Reject a new order with a reason' },
  'send-to-verify': {
    verb: { zh: '派核实', en: 'send to verify' },
    done: { zh: '派核实', en: 'sent to verify' },
    about: "Send a new report to its grid's worker to verify on site before accepting it",
  },
  verify: {
    verb: { zh: '核实', en: 'verify' },
    done: { zh: '核实', en: 'verified' },
    about: 'Confirm on site that the reported matter exists (with photo and location), or refute it',
  },
  answer: {
    verb: { zh: '直接办结', en: 'answer and close' },
    done: { zh: '直接办结', en: 'answered and closed' },
    about: 'Answer a consultation on the spot and close it (直接办结), with the answer on the timeline',
  },
  classify: { verb: { zh: '分类', en: 'classify' }, done: { zh: '分类', en: 'classified' }, about: 'Set the category and case-opening condition' },
  dispatch: {
    verb: { zh: '派遣', en: 'dispatch' },
    done: { zh: '派遣', en: 'dispatched' },
    about: 'Dispatch to a department, a station or a town sub-centre (two-level)',
  },
  redispatch: { verb: { zh: '改派', en: 'redispatch' }, done: { zh: '改派', en: 'redispatched' }, about: 'Take back and dispatch elsewhere' },
  'add-co-handler': { verb: { zh: '协办', en: 'add co-handler' }, done: { zh: '协办', en: 'co-handler added' }, about: 'Add a co-handling unit' },
  sign: { verb: { zh: '签收', en: 'sign' }, done: { zh: '签收', en: 'signed' }, about: 'Sign for the order' },
  'co-sign': { verb: { zh: '协办签收', en: 'sign as co-handler' }, done: { zh: '协办签收', en: 'signed as co-handler' }, about: "A co-handling unit signs for its part" },
  'co-feedback': {
    verb: { zh: '协办反馈', en: 'report as co-handler' },
    done: { zh: '协办反馈', en: 'reported as co-handler' },
    about: "A co-handling unit reports its part; the lead's result waits for every co-handler's",
  },
  return: { verb: { zh: '退单', en: 'return' }, done: { zh: '退单', en: 'returned' }, about: 'Return the order to the dispatcher with a reason' },
  'request-extension': { verb: { zh: '申请延期', en: 'request extension' }, done: { zh: '申请延期', en: 'extension requested' }, about: 'Ask for more time' },
  'approve-extension': { verb: { zh: '批准延期', en: 'approve extension' }, done: { zh: '批准延期', en: 'extension approved' }, about: 'Approve the extension' },
  'deny-extension': { verb: { zh: '驳回延期', en: 'deny extension' }, done: { zh: '驳回延期', en: 'extension denied' }, about: 'Deny the extension' },
  'request-suspension': { verb: { zh: '申请挂账', en: 'request suspension' }, done: { zh: '申请挂账', en: 'suspension requested' }, about: 'Ask to suspend' },
  suspend: { verb: { zh: '挂账', en: 'suspend' }, done: { zh: '挂账', en: 'suspended' }, about: 'Suspend (clocks stop)' },
  'deny-suspension': { verb: { zh: '驳回挂账', en: 'deny suspension' }, done: { zh: '驳回挂账', en: 'suspension denied' }, about: 'Deny the suspension' },
  resume: { verb: { zh: '恢复办理', en: 'resume' }, done: { zh: '恢复办理', en: 'resumed' }, about: 'Resume a suspended order' },
  'request-void': { verb: { zh: '申请作废', en: 'request voiding' }, done: { zh: '申请作废', en: 'voiding requested' }, about: 'Ask to void' },
  void: { verb: { zh: '作废', en: 'void' }, done: { zh: '作废', en: 'voided' }, about: 'Void the order' },
  'deny-void': { verb: { zh: '驳回作废', en: 'deny voiding' }, done: { zh: '驳回作废', en: 'voiding denied' }, about: 'Deny voiding' },
  escalate: { verb: { zh: '上推', en: 'escalate' }, done: { zh: '上推', en: 'escalated' }, about: 'Escalate to the next level centre' },
  'self-handle': { verb: { zh: '自行处置', en: 'solve on the spot' }, done: { zh: '自行处置', en: 'solved on the spot' }, about: 'Solved on the spot by the grid worker' },
  feedback: { verb: { zh: '反馈', en: 'report result' }, done: { zh: '反馈', en: 'result reported' }, about: 'Report the handling result' },
  check: { verb: { zh: '核查', en: 'check' }, done: { zh: '核查', en: 'checked' }, about: 'On-site check of the result (fail = rework)' },
  callback: { verb: { zh: '回访', en: 'call back' }, done: { zh: '回访', en: 'called back' }, about: 'Record the citizen callback and satisfaction' },
  reopen: { verb: { zh: '重办', en: 'reopen' }, done: { zh: '重办', en: 'reopened' }, about: 'Reopen on substantive dissatisfaction' },
  close: { verb: { zh: '结案', en: 'close' }, done: { zh: '结案', en: 'closed' }, about: 'Close' },
  'force-close': { verb: { zh: '强制结案', en: 'force close' }, done: { zh: '强制结案', en: 'force-closed' }, about: 'Forced close by the shift lead' },
  'add-caller': {
    verb: { zh: '追加来电', en: 'add caller' },
    done: { zh: '重复来电', en: 'another caller' },
    about: 'Another caller reported the same matter and was added to the order as a reporter',
  },
  merge: { verb: { zh: '并单', en: 'merge' }, done: { zh: '并单', en: 'merged duplicates' }, about: 'Merge duplicates under this order' },
  'merged-into': { verb: { zh: '并入', en: 'merge into' }, done: { zh: '并入', en: 'merged into' }, about: 'Merged into another order' },
  supervise: { verb: { zh: '督办', en: 'supervise' }, done: { zh: '督办', en: 'supervised' }, about: 'Raise a supervision level' },
  'supervision-reply': { verb: { zh: '督办回复', en: 'answer supervision' }, done: { zh: '督办回复', en: 'supervision answered' }, about: 'The supervised unit answers' },
  'supervision-review': {
    verb: { zh: '督办验收', en: 'review supervision' },
    done: { zh: '督办验收', en: 'supervision reviewed' },
    about: "The supervisor accepts the unit's reply, closing the task, or sends it back",
  },
  instruction: { verb: { zh: '领导批示', en: 'instruct' }, done: { zh: '领导批示', en: 'instructed' }, about: "A leader's instruction on a special report, sent down to the unit" },
  rate: {
    verb: { zh: '群众评价', en: 'rate' },
    done: { zh: '群众评价', en: 'rated' },
    about: "Another reporter of a merged order rates the result through his own link, after the order's callback",
  },
};
