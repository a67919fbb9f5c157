export default function CaseListPage() {
  return <div>CaseListPage</div>;
}
