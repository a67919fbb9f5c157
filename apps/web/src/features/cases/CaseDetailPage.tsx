export default function CaseDetailPage() {
  return <div>CaseDetailPage</div>;
}
