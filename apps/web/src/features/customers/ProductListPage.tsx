export default function ProductListPage() {
  return <div>ProductListPage</div>;
}
