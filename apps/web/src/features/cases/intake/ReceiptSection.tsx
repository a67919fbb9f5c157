import { CHANNELS } from '@closeloop/domain';
import { Col, DatePicker, Form, Row, Select } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useUsers } from '../../admin/api.ts';

/** The person registering; `receivesForOthers` when they hold cases:receive_for_others. */
export interface IntakeUser {
  id: string;
  displayName: string;
  receivesForOthers?: boolean;
}

/** Section 6: how and by whom the case was received. Defaults: phone, me, now. */
export function ReceiptSection({ me }: { me: IntakeUser }) {
  const { t } = useTranslation(['cases', 'common']);
  // Without cases:receive_for_others the case is received by the caller: the server refuses anyone else.
  const forOthers = me.receivesForOthers === true;
  const users = useUsers();
  const options = (users.data ?? []).filter((u) => u.isActive).map((u) => ({ value: u.id, label: u.displayName }));
  if (!options.some((o) => o.value === me.id)) options.unshift({ value: me.id, label: me.displayName });
  return (
    <Row gutter={16}>
      <Col xs={24} md={8}>
        <Form.Item name="channel" label={t('fields.channel')} rules={[{ required: true, message: t('rules.channel') }]}>
          <Select options={CHANNELS.filter((c) => c !== 'api').map((v) => ({ value: v, label: t(`common:enums.channel.${v}`) }))} />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name="receivedById" label={t('fields.receivedById')}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={users.isLoading}
            options={forOthers ? options : options.filter((o) => o.value === me.id)}
            disabled={!forOthers}
          />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name="receivedAt" label={t('fields.receivedAt')}>
          <DatePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            style={{ width: '100%' }}
            allowClear={false}
            disabledDate={(d) => d.isAfter(dayjs(), 'day')}
          />
        </Form.Item>
      </Col>
    </Row>
  );
}
