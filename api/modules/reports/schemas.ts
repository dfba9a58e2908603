// Disaster events, damage reports (灾情报告) and response-rule inputs, shared by routes, services
// and the web client. zod only (regions/schemas.ts is zod only too), so web/ imports it as it is.
import { z } from 'zod';
import { RegionCode } from '../regions/schemas';

// api.md "Events and reports" fixes these keys and their order.
export const FIGURE_KEYS = [
  'affected', 'deaths', 'missing', 'injured', 'seriouslyInjured',
  'relocated', 'relocatedCentralized', 'relocatedDispersed',
  'needEmergencyAid', 'needTransitionalAid', 'droughtNeedAid',
  'collapsedRooms', 'collapsedHouseholds', 'severeRooms', 'severeHouseholds', 'damagedRooms', 'damagedHouseholds',
  'cropAffectedHa', 'cropDamagedHa', 'cropFailedHa', 'livestockDeaths', 'directLossYuan',
] as const;
export type FigureKey = (typeof FIGURE_KEYS)[number];

// zod 4's int() is bounded to safe integers, so a sum of township counts cannot lose precision.
const Count = z.int().nonnegative();
// Absent means 0; an unknown key is a typo in a field app and must not vanish silently.
export const Figures = z.strictObject(
  Object.fromEntries(FIGURE_KEYS.map((k) => [k, Count.optional()])) as Record<FigureKey, z.ZodOptional<typeof Count>>,
);
export type FiguresInput = z.infer<typeof Figures>;
/** Every key present: what services, rollups and assessments work with. */
export type Figures = Record<FigureKey, number>;

export function fillFigures(partial?: Partial<Figures> | null): Figures {
  const filled = {} as Figures;
  for (const k of FIGURE_KEYS) filled[k] = partial?.[k] ?? 0;
  return filled;
}

// Disaster kinds of 自然灾害情况统计调查制度 (应急〔2020〕19号, 总说明 统计范围): 洪涝、干旱, 台风、风雹、
// 低温冷冻、雪灾、沙尘暴, 地震, 地质灾害, 海洋灾害, 森林草原火灾 and 生物灾害; 'other' is ours, for
// a process whose main kind fits none (the form records the main kind when several occur together).
export const HAZARDS = [
  { code: 'flood', zh: '洪涝', en: 'Flood' },
  { code: 'drought', zh: '干旱', en: 'Drought' },
  { code: 'typhoon', zh: '台风', en: 'Typhoon' },
  { code: 'hail', zh: '风雹', en: 'Wind and hail' },
  { code: 'frost', zh: '低温冷冻', en: 'Low temperature and frost' },
  { code: 'snow', zh: '雪灾（白灾）', en: 'Snow disaster (white dzud)' },
  { code: 'sandstorm', zh: '沙尘暴', en: 'Sandstorm' },
  { code: 'earthquake', zh: '地震', en: 'Earthquake' },
  { code: 'geological', zh: '地质灾害', en: 'Geological hazard' },
  { code: 'marine', zh: '海洋灾害', en: 'Marine hazard' },
  { code: 'wildfire', zh: '森林草原火灾', en: 'Forest and grassland fire' },
  { code: 'biological', zh: '生物灾害', en: 'Biological hazard' },
  { code: 'other', zh: '其他', en: 'Other' },
] as const;
export type HazardCode = (typeof HAZARDS)[number]['code'];
export const HAZARD_CODES = HAZARDS.map((h) => h.code) as unknown as readonly [HazardCode, ...HazardCode[]];

export const REPORT_STAGES = ['initial', 'update', 'final'] as const; // 初报 续报 核报
export type ReportStage = (typeof REPORT_STAGES)[number];
export const REPORT_STATUSES = ['submitted', 'accepted', 'returned', 'superseded'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

const Instant = z.iso.datetime({ offset: true });
const Text = (max: number) => z.string().trim().min(1).max(max);
const TownshipCode = z.string().regex(/^\d{9}$/, 'a 9-digit township code (乡镇、苏木、街道)');

export const EventInput = z.object({
  name: Text(120),
  hazard: z.enum(HAZARD_CODES),
  startedAt: Instant,
  regionCode: RegionCode,
  affectedRegionCodes: z.array(RegionCode).max(5000).optional(),
  note: Text(2000).optional(),
});
export type EventInput = z.infer<typeof EventInput>;

export const ReportInput = z.object({
  regionCode: TownshipCode,
  stage: z.enum(REPORT_STAGES),
  figures: Figures,
  explanation: Text(2000).optional(), // 文字说明: required by the service when checkJump finds a jump
  reportedAt: Instant.optional(),
});
export type ReportInput = z.infer<typeof ReportInput>;

export const ReviewInput = z
  .object({ decision: z.enum(['accept', 'return']), note: Text(1000).optional() })
  .refine((r) => r.decision !== 'return' || r.note !== undefined, {
    path: ['note'],
    message: '退回须说明原因 (a returned report needs a note saying what to correct)',
  });
export type ReviewInput = z.infer<typeof ReviewInput>;

// Response levels: 1 = I (一级, highest) … 4 = IV.
export const RESPONSE_LEVELS = [1, 2, 3, 4] as const;
export type ResponseLevel = (typeof RESPONSE_LEVELS)[number];
export const RESPONSE_INDICATORS = [
  'deathsMissing', 'relocatedNeedAid', 'housesRooms', 'housesHouseholds', 'droughtPercent', 'droughtPeople',
] as const;
export type ResponseIndicator = (typeof RESPONSE_INDICATORS)[number];
// Definitions, not policy numbers: what each indicator counts and in which unit (domain.md §2).
export const INDICATORS: Record<ResponseIndicator, { zh: string; en: string; unit: string; unitEn: string }> = {
  deathsMissing: { zh: '死亡和失踪', en: 'Deaths and missing', unit: '人', unitEn: 'people' },
  relocatedNeedAid: { zh: '紧急转移安置和需紧急生活救助', en: 'Relocated and needing emergency aid', unit: '人', unitEn: 'people' },
  housesRooms: { zh: '倒塌和严重损坏房屋', en: 'Collapsed and severely damaged houses', unit: '间', unitEn: 'rooms' },
  housesHouseholds: { zh: '倒塌和严重损坏房屋', en: 'Collapsed and severely damaged houses', unit: '户', unitEn: 'households' },
  droughtPercent: { zh: '因旱需政府救助人口占农牧业人口', en: 'Drought aid need, share of agri-pastoral population', unit: '%', unitEn: '%' },
  droughtPeople: { zh: '因旱需政府救助人口', en: 'People needing drought aid', unit: '人', unitEn: 'people' },
};

const Level = z.literal(RESPONSE_LEVELS);
export const ResponseThreshold = z
  .object({
    level: Level,
    indicator: z.enum(RESPONSE_INDICATORS),
    lower: z.number().nonnegative(),   // inclusive (含本数)
    upper: z.number().nullable(),      // exclusive; null = open
    unit: Text(8).optional(),
    source: Text(200).optional(),
  })
  .refine((t) => t.upper === null || t.upper > t.lower, { path: ['upper'], message: 'upper must exceed lower' });
export type ResponseThreshold = z.infer<typeof ResponseThreshold>;

export const ResponseRulesInput = z
  .object({ name: Text(200), source: Text(500).optional(), thresholds: z.array(ResponseThreshold).min(1).max(200) })
  .refine((r) => new Set(r.thresholds.map((t) => `${t.level}:${t.indicator}`)).size === r.thresholds.length, {
    path: ['thresholds'],
    message: 'one band per level and indicator',
  });
export type ResponseRulesInput = z.infer<typeof ResponseRulesInput>;

export const RESPONSE_ACTIONS = ['activate', 'raise', 'lower', 'terminate'] as const; // 启动 提升 降低 终止
export type ResponseActionKind = (typeof RESPONSE_ACTIONS)[number];
export const ResponseActionInput = z
  .object({ regionCode: RegionCode, action: z.enum(RESPONSE_ACTIONS), level: Level.optional(), note: Text(1000) })
  .refine((a) => a.action === 'terminate' || a.level !== undefined, {
    path: ['level'],
    message: '启动、提升、降低须给出响应等级 (level is required except to terminate)',
  });
export type ResponseActionInput = z.infer<typeof ResponseActionInput>;

// The report form, grouped and labelled as in 自然灾害损失情况统计快报表. The form there counts
// direct loss in 万元; the API key is directLossYuan, so we keep whole 元 and let the UI scale it.
export const FIGURE_UNITS = {
  person: { zh: '人', en: 'people' },
  room: { zh: '间', en: 'rooms' },
  household: { zh: '户', en: 'households' },
  hectare: { zh: '公顷', en: 'ha' },
  head: { zh: '头只', en: 'head' },
  yuan: { zh: '元', en: 'yuan' },
} as const;
export type FigureUnit = keyof typeof FIGURE_UNITS;
export interface FigureField {
  key: FigureKey; zh: string; en: string; unit: FigureUnit;
  /** A 其中 (of which) line, shown indented under its total. */
  partOf?: FigureKey;
  /** The statistical definition, shown beside the input. */
  hint?: { zh: string; en: string };
}
export interface FigureGroup { key: string; zh: string; en: string; fields: FigureField[] }

const f = (key: FigureKey, zh: string, en: string, unit: FigureUnit, more: Pick<FigureField, 'partOf' | 'hint'> = {}) =>
  ({ key, zh, en, unit, ...more }) as FigureField;
const partOf = (total: FigureKey) => ({ partOf: total });
const yieldLoss = (zh: string, en: string) => ({ hint: { zh: `减产${zh}以上`, en: `yield loss ≥ ${en}` } });

export const FIGURE_GROUPS: readonly FigureGroup[] = [
  { key: 'people', zh: '人口受灾', en: 'People', fields: [
    f('affected', '受灾人口', 'Affected people', 'person'),
    f('deaths', '因灾死亡人口', 'Deaths', 'person'),
    f('missing', '因灾失踪人口', 'Missing', 'person'),
    f('injured', '因灾受伤人口', 'Injured', 'person'),
    f('seriouslyInjured', '其中：重伤', 'of which seriously injured', 'person', partOf('injured')),
    f('relocated', '紧急转移安置人口', 'Emergency relocation', 'person'),
    f('relocatedCentralized', '其中：集中安置', 'of which in shelters (centralised)', 'person', partOf('relocated')),
    f('relocatedDispersed', '其中：分散安置', 'of which with relatives etc. (dispersed)', 'person', partOf('relocated')),
    f('needEmergencyAid', '需紧急生活救助人口', 'Needing emergency living aid', 'person'),
    f('needTransitionalAid', '需过渡期生活救助人口', 'Needing transitional living aid', 'person'),
    f('droughtNeedAid', '因旱需生活救助人口', 'Needing aid due to drought', 'person'),
  ] },
  { key: 'houses', zh: '房屋', en: 'Houses', fields: [
    f('collapsedRooms', '倒塌房屋间数', 'Collapsed houses, rooms', 'room'),
    f('collapsedHouseholds', '倒塌房屋户数', 'Collapsed houses, households', 'household'),
    f('severeRooms', '严重损坏房屋间数', 'Severely damaged houses, rooms', 'room'),
    f('severeHouseholds', '严重损坏房屋户数', 'Severely damaged houses, households', 'household'),
    f('damagedRooms', '一般损坏房屋间数', 'Generally damaged houses, rooms', 'room'),
    f('damagedHouseholds', '一般损坏房屋户数', 'Generally damaged houses, households', 'household'),
  ] },
  { key: 'crops', zh: '农作物', en: 'Crops', fields: [
    f('cropAffectedHa', '农作物受灾面积', 'Crops affected', 'hectare', yieldLoss('一成', '10 %')),
    f('cropDamagedHa', '农作物成灾面积', 'Crops damaged', 'hectare', yieldLoss('三成', '30 %')),
    f('cropFailedHa', '农作物绝收面积', 'Crops failed', 'hectare', yieldLoss('八成', '80 %')),
  ] },
  { key: 'livestock', zh: '牲畜', en: 'Livestock', fields: [
    f('livestockDeaths', '死亡牲畜', 'Livestock deaths', 'head'),
  ] },
  { key: 'economy', zh: '经济损失', en: 'Economic loss', fields: [
    f('directLossYuan', '直接经济损失', 'Direct economic loss', 'yuan'),
  ] },
];

export const FIGURE_FIELDS: Record<FigureKey, FigureField> = Object.fromEntries(
  FIGURE_GROUPS.flatMap((g) => g.fields).map((x) => [x.key, x]),
) as Record<FigureKey, FigureField>;
