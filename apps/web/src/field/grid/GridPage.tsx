/** 网格概况 for a grid leader: each of his grids with its workers' patrol coverage today and its open orders. */
import { List, NavBar, ProgressBar } from 'antd-mobile';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { GridView } from '@liandong/contracts';
import { call } from '../../shared/api.ts';
import { percent } from '../shell/percent.ts';
import { todayWindow, useMyGrids } from '../shell/use-my-grids.ts';

export function GridPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const grids = useMyGrids();
  return (
    <>
      <NavBar onBack={() => navigate(-1)}>{t('fieldApp.grid.title')}</NavBar>
      {(grids.data ?? []).map((g) => (
        <GridOverview key={g.code} grid={g} />
      ))}
    </>
  );
}

function GridOverview({ grid }: { grid: GridView }) {
  const { t } = useTranslation();
  const coverage = useQuery({ queryKey: ['field', 'coverage', grid.code], queryFn: () => call('patrol.gridCoverage', { query: { gridCode: grid.code, ...todayWindow() } }) });
  const open = useQuery({ queryKey: ['field', 'grid-orders', grid.code], queryFn: () => call('orders.listOrders', { query: { gridCode: grid.code, stateType: 'new,open,handling', pageSize: 1 } }) });
  return (
    <section aria-label={grid.name}>
      <List header={`${grid.name}（${grid.code}）`}>
        <List.Item extra={open.data ? open.data.total : '…'}>{t('fieldApp.grid.orders')}</List.Item>
        <List.Item extra={percent(coverage.data?.ratio ?? 0)}>{t('fieldApp.grid.coverage')}</List.Item>
        {(coverage.data?.workers ?? []).map((w) => (
          <List.Item key={w.userId} description={<ProgressBar percent={w.ratio * 100} />} extra={percent(w.ratio)}>
            {w.name}
          </List.Item>
        ))}
        {coverage.data && coverage.data.workers.length === 0 && <List.Item>{`${t('fieldApp.grid.workers')}：${t('fieldApp.grid.none')}`}</List.Item>}
      </List>
    </section>
    );
  }
