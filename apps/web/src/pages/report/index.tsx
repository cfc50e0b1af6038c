// Placeholder until the facilitator helper lands the report page.
import { useRoute } from '../../router/index.js';

export function ReportPage() {
  const { params } = useRoute();
  return (
    <section className="page">
      <h1>Report for drill {params.id}</h1>
      <p className="muted">The drill report is on its way.</p>
    </section>
  );
}
