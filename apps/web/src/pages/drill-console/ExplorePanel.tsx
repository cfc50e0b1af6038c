import { useState } from 'react';
import { LogsExplorer } from '../../components/logs/LogsExplorer.js';
import type { LogsFilter } from '../../components/logs/logs-query.js';
import { PromqlExplorer } from '../../components/promql/PromqlExplorer.js';
import { TraceList } from '../../components/traces/TraceList.js';
import { TraceView } from '../../components/traces/TraceView.js';
import { setQuery } from '../../router/index.js';
import { Tabs } from './Tabs.js';

/** The explore tools are in (components/promql, logs, traces): the tab is on. */
export const EXPLORE_READY = true;

export type ExploreTool = 'promql' | 'logs' | 'traces';

export function exploreTool(value: string | undefined): ExploreTool {
  return value === 'logs' || value === 'traces' ? value : 'promql';
}

export interface ExplorePanelProps {
  drillId: string;
  stackId: string | null;
  tool: ExploreTool;
  /** A PromQL query to start from (a dashboard panel's "Explore"); not run until the responder runs it. */
  query?: string;
  /** The trace open in the waterfall. */
  traceId?: string;
}

/**
 * PromQL, logs and traces of the drill's stack. Unlike the dashboards these are the responder's
 * investigation: queries, log searches and trace views are recorded on the timeline (and count
 * for the runbook steps). Which tool and trace are open lives in the URL.
 */
export function ExplorePanel({ drillId, stackId, tool, query, traceId }: ExplorePanelProps) {
  const [logsFilter, setLogsFilter] = useState<LogsFilter | undefined>(undefined);
  const openTrace = (id: string) => setQuery({ tool: 'traces', trace: id });
  const openLogs = (filter: { traceId?: string; service?: string }) => {
    setLogsFilter({ ...filter });
    setQuery({ tool: 'logs', trace: undefined });
  };
  return (
    <Tabs<ExploreTool>
      label="Explore tool"
      selected={tool}
      onSelect={(id) => setQuery({ tool: id === 'promql' ? undefined : id })}
      tabs={[
        { id: 'promql', label: 'PromQL' },
        { id: 'logs', label: 'Logs' },
        { id: 'traces', label: 'Traces' },
      ]}
    >
      <p className="muted small explore-note">What you run here is recorded on the drill's timeline as your investigation.</p>
      {tool === 'promql' && <PromqlExplorer key={query ?? ''} drillId={drillId} stackId={stackId ?? undefined} initialQuery={query ?? ''} onOpenTrace={openTrace} onOpenLogs={openLogs} />}
      {tool === 'logs' && <LogsExplorer drillId={drillId} stackId={stackId} filter={logsFilter} onOpenTrace={openTrace} />}
      {tool === 'traces' &&
        (traceId ? (
          <TraceView drillId={drillId} traceId={traceId} onOpenLogs={openLogs} onClose={() => setQuery({ trace: undefined })} />
        ) : (
          <TraceList drillId={drillId} onOpenTrace={openTrace} onOpenLogs={openLogs} />
        ))}
    </Tabs>
  );
}
