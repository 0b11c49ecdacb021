import type { Labels, Step, WarningKind } from '@liandong/contracts';

/** A condition a detector found: what a warnings row is made of, before its dedupe. */
export interface Candidate {
  kind: WarningKind;
  ruleCode: string;
  dedupeKey: string;
  areaLevel?: 'district' | 'town' | 'village' | null;
  districtCode?: string | null;
  townCode?: string | null;
  villageCode?: string | null;
  categoryCode?: string | null;
  phone?: string | null;
  lng?: number | null;
  lat?: number | null;
  orderId?: number | null;
  step?: Step | null;
  unitId?: number | null;
  observed: number;
  expected: number | null;
  threshold: number;
  pValue: number | null;
  windowFrom: Date;
  windowTo: Date;
  details: Record<string, unknown>;
  orderIds: number[];
  title: Labels;
  explanation: Labels;
  /** A resolved warning of the same key keeps it quiet this long. */
  cooldownHours: number;
}

/** Where a division sits: itself, its town and district (villages under towns under the district). */
export interface DivisionPlace {
  code: string;
  name: string;
  level: string;
  districtCode: string | null;
  townCode: string | null;
  villageCode: string | null;
}
