import type { MemoLocale } from './types.ts';

export interface Labels {
  title: string;
  /** Under the title when the unit is in warranty. */
  warrantySubtitle: string;
  memoNumber: string;
  caseNumber: string;
  plannedArrival: string;
  arrivedAt: string;
  departedAt: string;
  engineers: string;
  listSeparator: string;
  customerAndUnit: string;
  customer: string;
  address: string;
  contactName: string;
  contactPhone: string;
  model: string;
  unitName: string;
  serial: string;
  warranty: string;
  warrantyIn: string;
  warrantyOut: string;
  problem: string;
  workDone: string;
  parts: string;
  lineNo: string;
  partNo: string;
  partName: string;
  quantity: string;
  serialOut: string;
  serialIn: string;
  noParts: string;
  hoursAndCharges: string;
  charges: string;
  labourHours: string;
  travelHours: string;
  hours: (n: string) => string;
  chargeItem: string;
  amount: string;
  total: string;
  noCharges: string;
  comment: string;
  noComment: string;
  satisfaction: string;
  /** From 5 (very satisfied) down to 1. */
  satisfactionLevels: [string, string, string, string, string];
  signatureSection: string;
  confirmation: string;
  signedBy: (name: string, at: string) => string;
  signHere: string;
  signDate: string;
  page: (n: number, of: number) => string;
}

export const LABELS: Record<MemoLocale, Labels> = {
  'zh-CN': {
    title: '服务备忘录',
    warrantySubtitle: '三包服务登记单',
    memoNumber: '备忘录编号',
    caseNumber: '案件编号',
    plannedArrival: '计划到达',
    arrivedAt: '到达现场',
    departedAt: '离开现场',
    engineers: '服务工程师',
    listSeparator: '、',
    customerAndUnit: '客户与设备',
    customer: '客户名称',
    address: '地址',
    contactName: '联系人',
    contactPhone: '联系电话',
    model: '设备型号',
    unitName: '设备名称',
    serial: '出厂编号',
    warranty: '保修状态',
    warrantyIn: '保修期内（三包）',
    warrantyOut: '保修期外',
    problem: '故障现象（客户反映）',
    workDone: '处理过程与结果',
    parts: '更换零部件',
    lineNo: '序号',
    partNo: '零件号',
    partName: '名称',
    quantity: '数量',
    serialOut: '拆下件序列号',
    serialIn: '装上件序列号',
    noParts: '本次服务未更换零部件。',
    hoursAndCharges: '工时与费用',
    charges: '费用',
    labourHours: '维修工时',
    travelHours: '路途工时',
    hours: (n) => `${n} 小时`,
    chargeItem: '收费项目',
    amount: '金额（元）',
    total: '合计',
    noCharges: '本次服务不收费（三包服务）',
    comment: '客户意见',
    noComment: '（无）',
    satisfaction: '满意度',
    satisfactionLevels: ['非常满意', '满意', '一般', '不满意', '非常不满意'],
    signatureSection: '客户签字确认',
    confirmation: '以上服务内容属实，本人确认。',
    signedBy: (name, at) => `签字：${name}　　时间：${at}`,
    signHere: '签字',
    signDate: '日期',
    page: (n, of) => `第 ${n} 页，共 ${of} 页`,
  },
  'en-US': {
    title: 'Service memo',
    warrantySubtitle: 'Warranty service record',
    memoNumber: 'Memo number',
    caseNumber: 'Case number',
    plannedArrival: 'Planned arrival',
    arrivedAt: 'Arrived on site',
    departedAt: 'Left site',
    engineers: 'Service engineers',
    listSeparator: ', ',
    customerAndUnit: 'Customer and unit',
    customer: 'Customer',
    address: 'Address',
    contactName: 'Contact',
    contactPhone: 'Phone',
    model: 'Model',
    unitName: 'Unit',
    serial: 'Serial number',
    warranty: 'Warranty',
    warrantyIn: 'In warranty',
    warrantyOut: 'Out of warranty',
    problem: 'Reported problem',
    workDone: 'Work done',
    parts: 'Parts used',
    lineNo: 'No.',
    partNo: 'Part number',
    partName: 'Name',
    quantity: 'Qty',
    serialOut: 'Serial removed',
    serialIn: 'Serial fitted',
    noParts: 'No parts were replaced.',
    hoursAndCharges: 'Hours and charges',
    charges: 'Charges',
    labourHours: 'Labour',
    travelHours: 'Travel',
    hours: (n) => `${n} h`,
    chargeItem: 'Item',
    amount: 'Amount (CNY)',
    total: 'Total',
    noCharges: 'No charge (warranty service)',
    comment: 'Customer comment',
    noComment: '(none)',
    satisfaction: 'Satisfaction',
    satisfactionLevels: ['Very satisfied', 'Satisfied', 'Neutral', 'Dissatisfied', 'Very dissatisfied'],
    signatureSection: 'Customer confirmation',
    confirmation: 'I confirm that the service described above was carried out.',
    signedBy: (name, at) => `Signed by ${name} at ${at}`,
    signHere: 'Signature',
    signDate: 'Date',
    page: (n, of) => `Page ${n} of ${of}`,
  },
};
