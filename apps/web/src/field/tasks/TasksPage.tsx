/** 我的任务: what waits for the worker on site, 核实 then 核查, each with its light; those already done offline marked. */
import { List, NavBar, PullToRefresh, Tag } from 'antd-mobile';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { OrderListItem } from '@liandong/contracts';
import { useOutbox } from '../outbox/use-outbox.tsx';
import { LightDot } from '../shell/LightDot.tsx';
import { useOnline } from '../shell/use-online.ts';
import { useTasks } from './use-tasks.ts';

export function TasksPage() {
  const { t } = useTranslation();
  const tasks = useTasks();
  const online = useOnline();
  const { items } = useOutbox();
  const navigate = useNavigate();
  const queued = new Set(items.flatMap((i) => ('orderId' in i.request && i.state !== 'sent' ? [i.request.orderId] : [])));
  const section = (title: string, list: OrderListItem[]) => (
    <section aria-label={title}>
      <List header={`${title}（${list.length}）`}>
        {list.length === 0 && <List.Item>{t('fieldApp.tasks.none')}</List.Item>}
        {list.map((o) => (
          <List.Item
            key={o.id}
            onClick={() => navigate(`/tasks/${o.id}`)}
            description={[o.address, o.grid ? o.grid.name : null].filter(Boolean).join(' · ')}
            extra={queued.has(o.id) ? <Tag color="primary">{t('fieldApp.tasks.queued')}</Tag> : <LightDot light={o.light} />}
            arrow
          >
            <div className="field-task-title">{o.category?.name ?? o.code}</div>
            <div className="field-muted">{o.description.slice(0, 60)}</div>
          </List.Item>
        ))}
      </List>
    </section>
    );
    return (
      <>
        <NavBar backIcon={null}>{t('fieldApp.tasks.title')}</NavBar>
        {!online && tasks.data && <div className="field-muted" style={{ padding: '4px 16px' }}>{t('fieldApp.tasks.cachedAt')}</div>}
        <PullToRefresh onRefresh={async () => void (await tasks.refetch())}>
          {section(t('fieldApp.tasks.verify'), tasks.verify)}
          {section(t('fieldApp.tasks.check'), tasks.check)}
          {tasks.escalate.length > 0 && section(t('fieldApp.tasks.escalate'), tasks.escalate)}
          {tasks.supervised.length > 0 && section(t('fieldApp.tasks.supervised'), tasks.supervised)}
        </PullToRefresh>
      </>
    );
  }
