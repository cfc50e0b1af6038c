// Placeholder until the facilitator helper lands its pages.
import { useRoute } from '../../router/index.js';

export function FacilitatorPage() {
  return (
    <section className="page">
      <h1>Drills</h1>
      <p className="muted">The facilitator's drill list is on its way.</p>
    </section>
  );
}

export function FacilitatorDrillPage() {
  const { params } = useRoute();
  return (
    <section className="page">
      <h1>Drill {params.id}</h1>
      <p className="muted">The facilitator's drill view is on its way.</p>
    </section>
  );
}
