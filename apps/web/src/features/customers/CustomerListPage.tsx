export default function CustomerListPage() {
  return <div>CustomerListPage</div>;
}
