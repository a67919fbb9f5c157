import { GlobalOutlined, LockOutlined } from '@ant-design/icons';

/** Internal notes and customer-visible replies look different at a glance: colour, tag and icon. */
export const VISIBILITY_STYLE = {
  internal: { color: 'gold', background: '#fffbe6', border: '#ffe58f', icon: <LockOutlined /> },
  customer: { color: 'blue', background: '#e6f4ff', border: '#91caff', icon: <GlobalOutlined /> },
} as const;
