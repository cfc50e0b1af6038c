import { api, useApi } from '../../api/index.js';
import { ErrorMessage, Loading } from '../../app/feedback.js';
import { DrillsList } from './DrillsList.js';
import { NewDrillForm } from './NewDrillForm.js';
import './facilitator.css';

/** `#/facilitator`: start drills and follow them. The list polls: timers move while drills run. */
export function FacilitatorPage() {
  const drills = useApi(() => api.drills({ limit: 200 }), [], { refreshMs: 5000 });
  return (
    <div className="page facilitator">
      <header className="page-header">
        <div>
          <h1>Drills</h1>
          <p className="muted">Create a drill, send each responder their link, start it, and watch it live.</p>
        </div>
      </header>
      <NewDrillForm onChanged={drills.reload} />
      {drills.loading && !drills.data ? <Loading label="Loading drills…" /> : drills.error && !drills.data ? <ErrorMessage error={drills.error} retry={drills.reload} title="Drills" /> : <DrillsList drills={drills.data ?? []} />}
      {drills.error && drills.data && <ErrorMessage error={drills.error} retry={drills.reload} title="Could not refresh the drills" />}
    </div>
  );
}
