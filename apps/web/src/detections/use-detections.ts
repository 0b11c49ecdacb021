/** The detections of one review status, a page of them (GET /api/v1/event-detections): the review page's list and the menu's count share it. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { DetectionView } from '@liandong/contracts';
import { call } from '../shared/api.ts';

/** How often the waiting detections are read again (and whenever the window regains focus). */
export const REVIEW_REFRESH_MS = 15_000;

export function useDetections(status: DetectionView['status'], page = 1, pageSize = 20) {
  const { i18n } = useTranslation();
  return useQuery({
    queryKey: ['detections', status, page, pageSize, i18n.language],
    queryFn: () => call('devices.listDetections', { query: { status, page, pageSize } }),
    placeholderData: keepPreviousData,
    refetchInterval: status === 'pending' ? REVIEW_REFRESH_MS : false,
  });
}
