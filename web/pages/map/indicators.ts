import { FIGURE_GROUPS, type Figures } from '../../../api/modules/reports/schemas';
import { indicatorValue, type MapIndicator } from '../reports/event-map';

export { indicatorValue, type MapIndicator };

/** The indicators the choropleth offers: the three the response rules use, then every figure. */
export const DERIVED_INDICATORS: { key: MapIndicator; zh: string; en: string }[] = [
  { key: 'relocatedNeedAid', zh: '紧急转移安置和需紧急生活救助', en: 'Relocated and needing emergency aid' },
  { key: 'deathsMissing', zh: '死亡和失踪', en: 'Deaths and missing' },
  { key: 'housesRooms', zh: '倒塌和严重损坏房屋（间）', en: 'Collapsed and severely damaged (rooms)' },
];
export const FIGURE_INDICATOR_GROUPS = FIGURE_GROUPS;

export function indicatorName(key: MapIndicator, lang: 'zh-CN' | 'en'): string {
  const d = DERIVED_INDICATORS.find((x) => x.key === key);
  if (d) return lang === 'en' ? d.en : d.zh;
  const f = FIGURE_GROUPS.flatMap((g) => g.fields).find((x) => x.key === key);
  return f ? (lang === 'en' ? f.en : f.zh) : key;
}

/** The figures the side panel and the selection sums show first. */
export const KEY_FIGURES: (keyof Figures)[] = ['affected', 'relocated', 'needEmergencyAid', 'deaths', 'missing', 'collapsedRooms', 'severeRooms', 'livestockDeaths', 'directLossYuan'];
