import { Select, type SelectProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDebounced } from '../../../ui/useDebounced.ts';
import { useCustomer, useCustomerSearch, useProduct, useProductSearch } from '../../customers/lookups.ts';

type Props = Omit<SelectProps<string>, 'options' | 'showSearch' | 'loading'>;

/** Customer picker: searches the archive by any part of the name (Chinese substrings included) or the code. */
export function CustomerSelect({ value, ...rest }: Props) {
  const { t } = useTranslation('cases');
  const [q, setQ] = useState('');
  const search = useCustomerSearch(useDebounced(q.trim()));
  const selected = useCustomer(value ?? undefined);
  const options = (search.data ?? []).map((c) => ({
    value: c.id,
    label: c.name,
    title: `${c.name} · ${c.code}`,
    desc: [c.code, c.city, t('tierShort', { tier: c.tier })].filter(Boolean).join(' · '),
  }));
  if (value && selected.data && !options.some((o) => o.value === value)) {
    options.unshift({ value, label: selected.data.name, title: selected.data.name, desc: selected.data.code });
  }
  return (
    <Select<string>
      {...rest}
      value={value}
      showSearch={{ filterOption: false, onSearch: setQ }}
      loading={search.isFetching}
      options={options}
      optionRender={(o) => (
        <span>
          {o.data.label}
          <span style={{ color: 'rgba(0,0,0,0.45)', marginInlineStart: 8, fontSize: 12 }}>{o.data.desc}</span>
        </span>
      )}
      notFoundContent={search.isFetching ? t('states.searching') : t('states.noMatch')}
      onOpenChange={(open) => {
        if (!open) setQ('');
      }}
    />
  );
}

/** Product picker: by model or name. */
export function ProductSelect({ value, ...rest }: Props) {
  const { t } = useTranslation('cases');
  const [q, setQ] = useState('');
  const search = useProductSearch(useDebounced(q.trim()));
  const selected = useProduct(value ?? undefined);
  const options = (search.data ?? []).map((p) => ({ value: p.id, label: productLabel(p), title: p.name }));
  if (value && selected.data && !options.some((o) => o.value === value)) {
    options.unshift({ value, label: productLabel(selected.data), title: selected.data.name });
  }
  return (
    <Select<string>
      {...rest}
      value={value}
      showSearch={{ filterOption: false, onSearch: setQ }}
      loading={search.isFetching}
      options={options}
      notFoundContent={search.isFetching ? t('states.searching') : t('states.noMatch')}
      onOpenChange={(open) => {
        if (!open) setQ('');
      }}
    />
  );
}

/** "HX-200 伺服注塑机" rather than "HX-200 HX-200 伺服注塑机". */
export const productLabel = (p: { model: string; name: string }) => (p.name.includes(p.model) ? p.name : `${p.model} ${p.name}`);
