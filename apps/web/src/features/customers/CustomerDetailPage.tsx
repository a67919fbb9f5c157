export default function CustomerDetailPage() {
  return <div>CustomerDetailPage</div>;
}
