import Link from 'next/link';

export default function NotFound() {
  return (
    <div className="empty-state">
      <h1>Not found</h1>
      <p>No node by that name has reported to this API. Names are the ones agents report (Kubernetes node names).</p>
      <p>
        <Link href="/">Back to the node list</Link>
      </p>
    </div>
  );
}
