import type {
  CASE_TYPES,
  CAUSE_CATEGORIES,
  CUSTOMER_DEMANDS,
  RECURRENCES,
  ROOT_CAUSES_6M,
  SERVICE_KINDS,
  Severity,
} from '@closeloop/domain';

/**
 * What the demo data is made of: a machinery maker's customers, products and the kinds of
 * feedback they send. Text uses `{placeholders}` filled per case (see demo-data.ts).
 */

export type ProductGroup = 'machine' | 'hydraulic' | 'electric' | 'aux';

export interface DemoProduct {
  model: string;
  name: string;
  nameEn: string;
  category: string;
  productLine: string;
  warrantyMonths: number;
  group: ProductGroup;
}

export const PRODUCTS: readonly DemoProduct[] = [
  {
    model: 'HT-160',
    name: '注塑机 HT-160',
    nameEn: 'Injection moulding machine 160 t',
    category: '注塑机',
    productLine: '注塑机',
    warrantyMonths: 18,
    group: 'machine',
  },
  {
    model: 'HT-250',
    name: '注塑机 HT-250',
    nameEn: 'Injection moulding machine 250 t',
    category: '注塑机',
    productLine: '注塑机',
    warrantyMonths: 18,
    group: 'machine',
  },
  {
    model: 'HT-380',
    name: '注塑机 HT-380',
    nameEn: 'Injection moulding machine 380 t',
    category: '注塑机',
    productLine: '注塑机',
    warrantyMonths: 24,
    group: 'machine',
  },
  {
    model: 'HT-650',
    name: '大型注塑机 HT-650',
    nameEn: 'Large injection moulding machine 650 t',
    category: '注塑机',
    productLine: '注塑机',
    warrantyMonths: 24,
    group: 'machine',
  },
  {
    model: 'VP-40',
    name: '变量柱塞泵 VP-40',
    nameEn: 'Variable piston pump 40 cc',
    category: '液压泵',
    productLine: '液压件',
    warrantyMonths: 12,
    group: 'hydraulic',
  },
  {
    model: 'VP-63',
    name: '变量柱塞泵 VP-63',
    nameEn: 'Variable piston pump 63 cc',
    category: '液压泵',
    productLine: '液压件',
    warrantyMonths: 12,
    group: 'hydraulic',
  },
  {
    model: 'DV-16',
    name: '电磁换向阀 DV-16',
    nameEn: 'Solenoid directional valve NG16',
    category: '液压阀',
    productLine: '液压件',
    warrantyMonths: 12,
    group: 'hydraulic',
  },
  {
    model: 'SM-750',
    name: '伺服电机 SM-750',
    nameEn: 'Servo motor 7.5 kW',
    category: '伺服电机',
    productLine: '电气件',
    warrantyMonths: 18,
    group: 'electric',
  },
  {
    model: 'SM-1500',
    name: '伺服电机 SM-1500',
    nameEn: 'Servo motor 15 kW',
    category: '伺服电机',
    productLine: '电气件',
    warrantyMonths: 18,
    group: 'electric',
  },
  {
    model: 'SD-750',
    name: '伺服驱动器 SD-750',
    nameEn: 'Servo drive 7.5 kW',
    category: '伺服驱动器',
    productLine: '电气件',
    warrantyMonths: 18,
    group: 'electric',
  },
  {
    model: 'PLC-200',
    name: '控制器 PLC-200',
    nameEn: 'Machine controller PLC-200',
    category: '控制器',
    productLine: '电气件',
    warrantyMonths: 24,
    group: 'electric',
  },
  {
    model: 'PLC-300',
    name: '控制器 PLC-300',
    nameEn: 'Machine controller PLC-300 with 12" HMI',
    category: '控制器',
    productLine: '电气件',
    warrantyMonths: 24,
    group: 'electric',
  },
  {
    model: 'RB-5',
    name: '三轴取件机械手 RB-5',
    nameEn: 'Three-axis take-out robot',
    category: '机械手',
    productLine: '辅机',
    warrantyMonths: 12,
    group: 'aux',
  },
  {
    model: 'MT-9',
    name: '模温机 MT-9',
    nameEn: 'Mould temperature controller 9 kW',
    category: '模温机',
    productLine: '辅机',
    warrantyMonths: 12,
    group: 'aux',
  },
  {
    model: 'HD-50',
    name: '料斗干燥机 HD-50',
    nameEn: 'Hopper dryer 50 kg',
    category: '干燥机',
    productLine: '辅机',
    warrantyMonths: 12,
    group: 'aux',
  },
  {
    model: 'CW-10',
    name: '冷水机 CW-10',
    nameEn: 'Water chiller 10 HP',
    category: '冷水机',
    productLine: '辅机',
    warrantyMonths: 12,
    group: 'aux',
  },
];

export interface DemoCustomer {
  name: string;
  nameEn?: string;
  country: string;
  province: string;
  city: string;
  tier: 'A' | 'B' | 'C' | 'D';
  /** E-mail domain of its contacts. */
  domain: string;
  /** Landline area code (domestic) or international prefix. */
  phone: string;
}

const cn = (name: string, province: string, city: string, tier: DemoCustomer['tier'], domain: string, phone: string, nameEn?: string) => ({
  name,
  country: 'CN',
  province,
  city,
  tier,
  domain,
  phone,
  ...(nameEn ? { nameEn } : {}),
});
const abroad = (
  name: string,
  country: string,
  province: string,
  city: string,
  tier: DemoCustomer['tier'],
  domain: string,
  phone: string,
) => ({
  name,
  country,
  province,
  city,
  tier,
  domain,
  phone,
});

export const CUSTOMERS: readonly DemoCustomer[] = [
  cn('苏州恒力精密塑胶有限公司', '江苏', '苏州', 'A', 'hengli-plastic.com.cn', '0512', 'Suzhou Hengli Precision Plastics'),
  cn('昆山华美电子科技有限公司', '江苏', '昆山', 'B', 'huamei-ks.com', '0512', 'Kunshan Huamei Electronics'),
  cn('无锡鑫达汽车零部件有限公司', '江苏', '无锡', 'B', 'xinda-auto.cn', '0510'),
  cn('常州天合塑料制品有限公司', '江苏', '常州', 'C', 'tianhe-cz.com', '0519'),
  cn('南京金陵包装材料有限公司', '江苏', '南京', 'C', 'jlpack.cn', '025'),
  cn('宁波甬达塑业有限公司', '浙江', '宁波', 'A', 'yongda-nb.com', '0574', 'Ningbo Yongda Plastics'),
  cn('宁波北仑东方模具有限公司', '浙江', '宁波', 'B', 'dfmould.com.cn', '0574'),
  cn('余姚市明辉家电配件厂', '浙江', '余姚', 'C', 'minghui-yy.com', '0574'),
  cn('台州黄岩精工模塑有限公司', '浙江', '台州', 'B', 'jingong-mould.com', '0576'),
  cn('杭州萧山新辰塑胶制品有限公司', '浙江', '杭州', 'D', 'xinchen-hz.cn', '0571'),
  cn('温州瓯海利达日用品有限公司', '浙江', '温州', 'D', 'lida-wz.com', '0577'),
  cn('佛山顺德美达电器有限公司', '广东', '佛山', 'A', 'meida-sd.com', '0757', 'Foshan Shunde Meida Appliances'),
  cn('佛山南海华鑫五金塑料厂', '广东', '佛山', 'C', 'huaxin-nh.cn', '0757'),
  cn('东莞长安精英模具有限公司', '广东', '东莞', 'B', 'jingying-mould.com', '0769'),
  cn('东莞虎门科力电子有限公司', '广东', '东莞', 'C', 'keli-dg.com', '0769'),
  cn('深圳宝安新源医疗器械有限公司', '广东', '深圳', 'A', 'xinyuan-med.com', '0755', 'Shenzhen Xinyuan Medical Devices'),
  cn('中山小榄永盛照明有限公司', '广东', '中山', 'C', 'yongsheng-light.com', '0760'),
  cn('青岛海湾橡塑制品有限公司', '山东', '青岛', 'B', 'haiwan-qd.com', '0532', 'Qingdao Haiwan Rubber & Plastics'),
  cn('青岛即墨福瑞汽车部件有限公司', '山东', '青岛', 'B', 'furui-auto.cn', '0532'),
  cn('烟台开发区鲁信塑业有限公司', '山东', '烟台', 'C', 'luxin-yt.com', '0535'),
  cn('潍坊润丰农机配件有限公司', '山东', '潍坊', 'D', 'runfeng-wf.cn', '0536'),
  cn('天津滨海泰达包装有限公司', '天津', '天津', 'C', 'teda-pack.com', '022'),
  cn('合肥经开瑞通家电部件有限公司', '安徽', '合肥', 'B', 'ruitong-hf.com', '0551'),
  cn('武汉光谷汽车饰件有限公司', '湖北', '武汉', 'B', 'ggtrim.com.cn', '027'),
  cn('成都双流蓉信电子有限公司', '四川', '成都', 'C', 'rongxin-cd.com', '028'),
  cn('重庆两江长鸿塑胶有限公司', '重庆', '重庆', 'C', 'changhong-cq.cn', '023'),
  cn('厦门翔安万利玩具有限公司', '福建', '厦门', 'D', 'wanli-toys.com', '0592'),
  cn('泉州晋江鸿泰鞋材有限公司', '福建', '泉州', 'C', 'hongtai-jj.com', '0595'),
  cn('长沙星沙三湘工程机械配件有限公司', '湖南', '长沙', 'B', 'sanxiang-parts.com', '0731'),
  cn('郑州航空港中原电器有限公司', '河南', '郑州', 'D', 'zhongyuan-ele.cn', '0371'),
  abroad('Kessler Kunststofftechnik GmbH', 'DE', 'Baden-Württemberg', 'Stuttgart', 'A', 'kessler-kunststoff.de', '+49 711'),
  abroad('Rheinland Automotive Parts GmbH', 'DE', 'Nordrhein-Westfalen', 'Köln', 'B', 'rheinland-ap.de', '+49 221'),
  abroad('Great Lakes Molding Inc.', 'US', 'Michigan', 'Grand Rapids', 'B', 'greatlakesmolding.com', '+1 616'),
  abroad('Lone Star Packaging LLC', 'US', 'Texas', 'Houston', 'C', 'lonestarpack.com', '+1 713'),
  abroad('Saigon Plastic Components JSC', 'VN', 'Ho Chi Minh City', 'Ho Chi Minh City', 'B', 'saigonplastic.vn', '+84 28'),
  abroad('Binh Duong Household Products Co., Ltd.', 'VN', 'Binh Duong', 'Thu Dau Mot', 'C', 'bdhousehold.vn', '+84 274'),
  abroad('Pune Polymers Pvt. Ltd.', 'IN', 'Maharashtra', 'Pune', 'B', 'punepolymers.in', '+91 20'),
  abroad('Chennai Auto Components Pvt. Ltd.', 'IN', 'Tamil Nadu', 'Chennai', 'C', 'chennaiautocomp.in', '+91 44'),
  abroad('Paulista Industrial Plastics Ltda.', 'BR', 'São Paulo', 'São Paulo', 'B', 'paulistaplasticos.com.br', '+55 11'),
  abroad('Manaus Electronics Ltda.', 'BR', 'Amazonas', 'Manaus', 'D', 'manauselectronics.com.br', '+55 92'),
];

/** Contact people: Chinese name with the e-mail local part, and foreign ones by country. */
export const CN_PEOPLE: readonly [string, string][] = [
  ['陈建国', 'chenjianguo'],
  ['王丽', 'wangli'],
  ['刘洋', 'liuyang'],
  ['张伟', 'zhangwei'],
  ['李娜', 'lina'],
  ['周强', 'zhouqiang'],
  ['吴敏', 'wumin'],
  ['郑海涛', 'zhenghaitao'],
  ['孙晓东', 'sunxiaodong'],
  ['黄志华', 'huangzhihua'],
  ['赵磊', 'zhaolei'],
  ['徐静', 'xujing'],
  ['何俊', 'hejun'],
  ['马超', 'machao'],
  ['胡斌', 'hubin'],
  ['林峰', 'linfeng'],
  ['郭亮', 'guoliang'],
  ['罗红', 'luohong'],
  ['高明', 'gaoming'],
  ['梁振华', 'liangzhenhua'],
];
export const CN_TITLES = ['采购经理', '设备科长', '生产部长', '品质主管', '厂长', '设备工程师'];

export const FOREIGN_PEOPLE: Readonly<Record<string, readonly [string, string][]>> = {
  DE: [
    ['Markus Weber', 'm.weber'],
    ['Julia Schneider', 'j.schneider'],
    ['Thomas Fischer', 't.fischer'],
  ],
  US: [
    ['Michael Johnson', 'mjohnson'],
    ['Sarah Miller', 'smiller'],
    ['David Brown', 'dbrown'],
  ],
  VN: [
    ['Nguyen Van Minh', 'minh.nv'],
    ['Tran Thi Lan', 'lan.tt'],
  ],
  IN: [
    ['Rajesh Kumar', 'rajesh.kumar'],
    ['Priya Sharma', 'priya.sharma'],
  ],
  BR: [
    ['João Silva', 'joao.silva'],
    ['Ana Souza', 'ana.souza'],
  ],
};
export const FOREIGN_TITLES = ['Maintenance Manager', 'Purchasing Manager', 'Plant Manager', 'Quality Engineer'];

/** The demo staff; all share the printed demo password. */
export const STAFF = [
  { key: 'zhangmin', login: 'zhangmin', displayName: '张敏', role: 'agent', department: 'sales', locale: 'zh-CN' },
  { key: 'emily', login: 'emily', displayName: 'Emily Zhou 周怡', role: 'agent', department: 'sales', locale: 'en-US' },
  { key: 'liuqiang', login: 'liuqiang', displayName: '刘强', role: 'agent', department: 'service', locale: 'zh-CN' },
  { key: 'ligong', login: 'ligong', displayName: '李工', role: 'quality_engineer', department: 'quality', locale: 'zh-CN' },
  { key: 'wangjingli', login: 'wangjingli', displayName: '王经理', role: 'manager', department: 'quality', locale: 'zh-CN' },
  { key: 'zhaozong', login: 'zhaozong', displayName: '赵总（只读）', role: 'read_only', department: 'gm_office', locale: 'zh-CN' },
] as const;
export type StaffKey = (typeof STAFF)[number]['key'];

type Party = 'ours' | 'customer' | 'supplier' | 'carrier' | 'not_established';

/** A kind of complaint (or return): what the customer reports and how it typically ends. */
export interface ProblemTemplate {
  groups: readonly ProductGroup[];
  lang: 'zh' | 'en';
  title: string;
  description: string;
  severity: Severity;
  causeCategory: (typeof CAUSE_CATEGORIES)[number];
  rootCause6m: (typeof ROOT_CAUSES_6M)[number];
  isQualityRelated: boolean;
  demands: readonly (typeof CUSTOMER_DEMANDS)[number][];
  recurrence: (typeof RECURRENCES)[number];
  tags: readonly string[];
  responsibility: { party: Party; department?: string; external?: readonly string[]; reason: string };
  proposal: string;
  resolution: string;
  /** Needs money beyond an agent's authority (核决权限): goes through approval. */
  needsApproval: boolean;
}

const ALL: readonly ProductGroup[] = ['machine', 'hydraulic', 'electric', 'aux'];
const SEAL_SUPPLIERS = ['宁波恒密密封件有限公司', '台州精诚密封科技有限公司'];
const ENCODER_SUPPLIERS = ['常州精码传感器有限公司', '深圳华控电子有限公司'];
const CARRIERS = ['德邦物流', '顺丰速运', '中远海运集装箱运输有限公司'];

export const COMPLAINTS: readonly ProblemTemplate[] = [
  {
    groups: ['hydraulic'],
    lang: 'zh',
    title: '{model} 泵轴封漏油，产线停机',
    description:
      '客户反映 {model}（序列号 {serial}）轴封处漏油，每班需补油两次，{place}产线被迫间歇停机。液压油为 46# 抗磨液压油，油温 55°C 左右。',
    severity: 'MA',
    causeCategory: 'supplier',
    rootCause6m: 'material',
    isQualityRelated: true,
    demands: ['repair', 'compensation'],
    recurrence: 'persistent',
    tags: ['漏油', '轴封'],
    responsibility: {
      party: 'supplier',
      external: SEAL_SUPPLIERS,
      reason: '拆检发现骨架油封唇口硬化开裂，同批次油封抽检 3/20 不合格，属供应商来料问题。',
    },
    proposal: '保修期内三包：免费更换轴封及全套密封件，工程师两个工作日内上门；向油封供应商索赔。',
    resolution: '已更换轴封及密封件，试机 4 小时无泄漏，客户签署服务备忘录。',
    needsApproval: false,
  },
  {
    groups: ['machine'],
    lang: 'zh',
    title: '{model} 液压站油管接头漏油',
    description: '{model} 注塑机液压站高压油管接头渗漏油，地面有积油，存在滑倒隐患。设备已运行约 {hours} 小时。',
    severity: 'MA',
    causeCategory: 'assembly',
    rootCause6m: 'man',
    isQualityRelated: true,
    demands: ['repair'],
    recurrence: 'persistent',
    tags: ['漏油'],
    responsibility: { party: 'ours', department: 'production', reason: '接头扭矩不足，装配未按作业指导书使用扭力扳手，属我司装配问题。' },
    proposal: '派工程师上门重新紧固并更换组合垫圈；生产部对同月装配的机台做扭矩复查。',
    resolution: '现场更换组合垫圈并按 120 N·m 紧固，保压 30 分钟无渗漏。',
    needsApproval: false,
  },
  {
    groups: ['machine'],
    lang: 'zh',
    title: '{model} 锁模力不足，制品飞边',
    description: '客户生产 PP 外壳时制品分型面出现飞边，锁模力设定 {tons} t，实测只有约八成，已影响交货。',
    severity: 'MA',
    causeCategory: 'design',
    rootCause6m: 'method',
    isQualityRelated: true,
    demands: ['repair', 'explanation'],
    recurrence: 'persistent',
    tags: ['飞边', '锁模'],
    responsibility: { party: 'ours', department: 'rnd', reason: '锁模油缸增压阀参数设计余量不足，研发部已出具设计变更。' },
    proposal: '免费更换增压阀并升级控制程序，补偿客户停机损失 {amount} 元（需经理审批）。',
    resolution: '已更换增压阀并升级程序至 V3.2，锁模力实测达到设定值 98%，制品无飞边。',
    needsApproval: true,
  },
  {
    groups: ['machine', 'electric'],
    lang: 'zh',
    title: '{model} 开机报警 E-{code}，无法启动',
    description: '设备上电后报警 E-{code}（驱动器过流），复位后仍无法启动，整条线停产。客户要求当天到场。',
    severity: 'CR',
    causeCategory: 'manufacturing',
    rootCause6m: 'machine',
    isQualityRelated: true,
    demands: ['repair', 'compensation'],
    recurrence: 'persistent',
    tags: ['停机', '报警'],
    responsibility: { party: 'ours', department: 'production', reason: '驱动器功率板焊点虚焊，出厂老化测试时间不足。' },
    proposal: '先修复后判责：携带备用驱动器当天上门更换，返回件送品质部分析。',
    resolution: '更换驱动器后设备恢复生产；返回件分析确认功率板虚焊，已加严出厂老化测试。',
    needsApproval: false,
  },
  {
    groups: ['electric'],
    lang: 'zh',
    title: '{model} 编码器故障，定位偏差大',
    description: '伺服电机 {model} 运行中定位偏差超过 0.5 mm，偶发编码器通讯报警，停机后可恢复。',
    severity: 'MA',
    causeCategory: 'supplier',
    rootCause6m: 'material',
    isQualityRelated: true,
    demands: ['replace'],
    recurrence: 'intermittent',
    tags: ['编码器'],
    responsibility: { party: 'supplier', external: ENCODER_SUPPLIERS, reason: '编码器读数头污染，供应商分析报告确认为其装配洁净度问题。' },
    proposal: '保修期内更换编码器，承担往返运费；采购部向供应商发起 8D。',
    resolution: '工程师现场更换编码器，定位精度恢复至 ±0.02 mm。',
    needsApproval: false,
  },
  {
    groups: ['electric'],
    lang: 'zh',
    title: '{model} 运行中过热报警',
    description: '夏季车间温度 38°C 时 {model} 连续运行两小时后报过热，停机冷却后可继续运行。',
    severity: 'MI',
    causeCategory: 'design',
    rootCause6m: 'environment',
    isQualityRelated: true,
    demands: ['repair', 'explanation'],
    recurrence: 'intermittent',
    tags: ['过热'],
    responsibility: { party: 'ours', department: 'rnd', reason: '散热风道设计未覆盖 40°C 环境温度，研发部已改进风扇选型。' },
    proposal: '免费加装强制散热风扇套件，并给出电柜通风建议。',
    resolution: '已加装散热风扇，连续运行 8 小时温升正常。',
    needsApproval: false,
  },
  {
    groups: ['electric', 'machine'],
    lang: 'zh',
    title: '控制器通讯中断，触摸屏黑屏',
    description: '{model} 触摸屏偶发黑屏，控制器与 HMI 通讯中断，断电重启后恢复，一周内发生 {times} 次。',
    severity: 'MA',
    causeCategory: 'material',
    rootCause6m: 'material',
    isQualityRelated: true,
    demands: ['replace'],
    recurrence: 'intermittent',
    tags: ['黑屏', 'HMI'],
    responsibility: { party: 'ours', department: 'quality', reason: '通讯线屏蔽层未接地，进货检验未覆盖该项。' },
    proposal: '更换屏蔽通讯线并整改接地，品质部补充进货检验项目。',
    resolution: '已更换屏蔽线并重新接地，连续观察一周未再黑屏。',
    needsApproval: false,
  },
  {
    groups: ALL,
    lang: 'zh',
    title: '到货外箱破损，{product}外壳变形',
    description: '收货时发现木箱一角破损，{product}钣金外壳凹陷，已当场拍照并让司机在签收单上注明。',
    severity: 'MI',
    causeCategory: 'transport',
    rootCause6m: 'method',
    isQualityRelated: false,
    demands: ['replace', 'compensation'],
    recurrence: 'once',
    tags: ['运输损坏'],
    responsibility: { party: 'carrier', external: CARRIERS, reason: '签收单有司机批注，破损系运输途中叉车作业造成，向承运方索赔。' },
    proposal: '免费更换外壳钣金件，费用向承运方索赔。',
    resolution: '已补发外壳并完成更换；承运方已同意赔付。',
    needsApproval: false,
  },
  {
    groups: ALL,
    lang: 'zh',
    title: '发货型号与订单不符',
    description: '订单 {order} 订购 {model}，实际到货铭牌型号不符，无法安装。',
    severity: 'MI',
    causeCategory: 'delivery',
    rootCause6m: 'man',
    isQualityRelated: false,
    demands: ['replace'],
    recurrence: 'once',
    tags: ['错发'],
    responsibility: { party: 'ours', department: 'warehouse', reason: '仓库拣货未扫码核对型号，属我司发货差错。' },
    proposal: '立即补发正确型号，错发件由我司安排物流取回。',
    resolution: '正确型号已到货并安装，错发件已取回入库。',
    needsApproval: false,
  },
  {
    groups: ALL,
    lang: 'zh',
    title: '发票抬头错误，要求重开',
    description: '订单 {order} 的增值税发票抬头与合同不一致，客户财务无法入账。',
    severity: 'MI',
    causeCategory: 'billing',
    rootCause6m: 'man',
    isQualityRelated: false,
    demands: ['explanation'],
    recurrence: 'once',
    tags: ['发票'],
    responsibility: { party: 'ours', department: 'finance', reason: '开票信息录入错误。' },
    proposal: '作废原发票并重开，快递寄出。',
    resolution: '已重开发票并寄出，客户财务确认收到。',
    needsApproval: false,
  },
  {
    groups: ALL,
    lang: 'zh',
    title: '售后工程师未按约定时间到场',
    description: '约定 {day} 上午到场维修，工程师下午才到且未提前通知，客户对服务态度不满。',
    severity: 'MI',
    causeCategory: 'attitude',
    rootCause6m: 'man',
    isQualityRelated: false,
    demands: ['explanation'],
    recurrence: 'once',
    tags: ['服务态度'],
    responsibility: { party: 'ours', department: 'service', reason: '派工时间冲突未及时告知客户。' },
    proposal: '由售后服务部经理致电道歉，并赠送一次免费保养。',
    resolution: '已电话致歉，免费保养已安排。',
    needsApproval: false,
  },
  {
    groups: ['machine', 'aux'],
    lang: 'zh',
    title: '{model} 运行噪音大，振动异常',
    description: '{model} 运行时有明显异响，机身振动较大，客户担心影响设备寿命。',
    severity: 'MI',
    causeCategory: 'usage',
    rootCause6m: 'method',
    isQualityRelated: true,
    demands: ['repair', 'explanation'],
    recurrence: 'persistent',
    tags: ['异响'],
    responsibility: { party: 'customer', reason: '设备地脚未按安装说明调平，属客户安装使用问题。' },
    proposal: '派工程师指导客户重新调平并紧固地脚螺栓，不收取费用。',
    resolution: '已重新调平，噪音降至 72 dB，振动正常。',
    needsApproval: false,
  },
  {
    groups: ['aux'],
    lang: 'zh',
    title: '{model} 温控不稳，波动超过 ±5°C',
    description: '模具温度设定 80°C，实际在 74–86°C 之间波动，制品尺寸不稳定。',
    severity: 'MA',
    causeCategory: 'supplier',
    rootCause6m: 'measurement',
    isQualityRelated: true,
    demands: ['repair'],
    recurrence: 'persistent',
    tags: ['温控'],
    responsibility: { party: 'supplier', external: ['杭州华测温控仪表有限公司'], reason: '温控表 PID 参数出厂设置错误，供应商已确认。' },
    proposal: '更换温控表并重新整定 PID 参数。',
    resolution: '已更换温控表，温度波动控制在 ±1°C。',
    needsApproval: false,
  },
  {
    groups: ['hydraulic', 'machine'],
    lang: 'zh',
    title: '{model} 压力不稳，制品缺料',
    description: '注射压力波动 ±8 bar，制品间歇性缺料，不良率约 {rate}%。',
    severity: 'MA',
    causeCategory: 'manufacturing',
    rootCause6m: 'machine',
    isQualityRelated: true,
    demands: ['repair', 'compensation'],
    recurrence: 'intermittent',
    tags: ['压力波动'],
    responsibility: { party: 'ours', department: 'production', reason: '比例阀阀芯加工毛刺导致卡滞，生产部已增加去毛刺工序。' },
    proposal: '更换比例阀，补偿客户报废料损失 {amount} 元（需经理审批）。',
    resolution: '更换比例阀后压力波动 ±1 bar，缺料消除。',
    needsApproval: true,
  },
  {
    groups: ['hydraulic', 'machine'],
    lang: 'en',
    title: 'Oil leakage at {model} pump shaft seal',
    description:
      'The customer reports oil leaking at the shaft seal of {model} (serial {serial}); about two litres are topped up per shift. The line runs at reduced output.',
    severity: 'MA',
    causeCategory: 'supplier',
    rootCause6m: 'material',
    isQualityRelated: true,
    demands: ['repair'],
    recurrence: 'persistent',
    tags: ['漏油', 'oil leak'],
    responsibility: {
      party: 'supplier',
      external: SEAL_SUPPLIERS,
      reason: 'Seal lip hardened and cracked; the seal batch failed our re-inspection (supplier defect).',
    },
    proposal: 'Ship a seal kit by express and guide the customer through the replacement by video call; claim against the seal supplier.',
    resolution: 'Seal kit replaced by the customer with our remote guidance; no leakage after a 24-hour run.',
    needsApproval: false,
  },
  {
    groups: ['machine', 'electric'],
    lang: 'en',
    title: 'Alarm E-{code} at start-up, machine cannot run',
    description: 'After power-up the controller shows alarm E-{code} (drive overcurrent). Reset does not help; production is stopped.',
    severity: 'CR',
    causeCategory: 'manufacturing',
    rootCause6m: 'machine',
    isQualityRelated: true,
    demands: ['repair', 'compensation'],
    recurrence: 'persistent',
    tags: ['alarm'],
    responsibility: {
      party: 'ours',
      department: 'production',
      reason: 'Cold solder joint on the drive power board; burn-in time at final test was too short.',
    },
    proposal:
      'Send a replacement drive by air freight today; local partner engineer installs it. Compensation of USD {amountUsd} for downtime (needs approval).',
    resolution: 'Drive replaced, machine back in production; failed board analysed and burn-in extended.',
    needsApproval: true,
  },
  {
    groups: ALL,
    lang: 'en',
    title: 'Crate damaged on arrival, {model} cover dented',
    description: 'The crate arrived with a broken corner and the sheet-metal cover of {model} is dented. Photos were taken at unloading.',
    severity: 'MI',
    causeCategory: 'transport',
    rootCause6m: 'method',
    isQualityRelated: false,
    demands: ['replace'],
    recurrence: 'once',
    tags: ['transport damage'],
    responsibility: {
      party: 'carrier',
      external: ['COSCO Shipping', 'Maersk Line'],
      reason: 'Damage noted on the delivery receipt; claim filed against the carrier.',
    },
    proposal: 'Ship a new cover with the next spare-parts consignment; claim the cost from the carrier.',
    resolution: 'New cover delivered and fitted by the customer.',
    needsApproval: false,
  },
];

export const RETURNS: readonly ProblemTemplate[] = [
  {
    groups: ['hydraulic', 'electric'],
    lang: 'zh',
    title: '{model} 批次 {batch} 不良，申请退货',
    description: '客户来料检验抽检 {model} 共 {delivered} 台，其中 {defective} 台性能测试不合格，要求整批退货或更换。',
    severity: 'MA',
    causeCategory: 'manufacturing',
    rootCause6m: 'method',
    isQualityRelated: true,
    demands: ['refund', 'replace'],
    recurrence: 'unknown',
    tags: ['批量不良', '退货'],
    responsibility: { party: 'ours', department: 'quality', reason: '出厂检验抽样方案不足，漏检性能不良品。' },
    proposal: '同意退回不良品，收货后进行来料检验，按检验结果换货；出厂检验改为全检三个月。',
    resolution: '不良品已退回并更换新品，客户复检合格。',
    needsApproval: true,
  },
  {
    groups: ALL,
    lang: 'zh',
    title: '错发 {model}，申请退换',
    description: '订单 {order} 应发 {model}，实际收到其他规格，客户申请退换。',
    severity: 'MI',
    causeCategory: 'delivery',
    rootCause6m: 'man',
    isQualityRelated: false,
    demands: ['replace'],
    recurrence: 'once',
    tags: ['错发', '退货'],
    responsibility: { party: 'ours', department: 'warehouse', reason: '仓库拣货差错。' },
    proposal: '补发正确规格，错发件到付退回。',
    resolution: '已换货完成。',
    needsApproval: false,
  },
  {
    groups: ['hydraulic', 'electric'],
    lang: 'en',
    title: 'Return of defective {model} from batch {batch}',
    description:
      'Incoming inspection found {defective} of {delivered} units of {model} out of specification. The customer requests replacement.',
    severity: 'MA',
    causeCategory: 'manufacturing',
    rootCause6m: 'method',
    isQualityRelated: true,
    demands: ['replace', 'refund'],
    recurrence: 'unknown',
    tags: ['return'],
    responsibility: { party: 'ours', department: 'quality', reason: 'Final inspection sampling missed the defect; inspection tightened.' },
    proposal: 'Accept the return (RMA issued); replace after receiving inspection.',
    resolution: 'Replacement units shipped; the customer confirmed they pass incoming inspection.',
    needsApproval: true,
  },
];

export interface ServiceTemplate {
  kind: (typeof SERVICE_KINDS)[number];
  lang: 'zh' | 'en';
  title: string;
  description: string;
  resolution: string;
}

export const SERVICE_REQUESTS: readonly ServiceTemplate[] = [
  {
    kind: 'installation',
    lang: 'zh',
    title: '{model} 新机安装调试申请',
    description: '新购 {model}（序列号 {serial}）已到厂，地基与电源已就绪，申请安排安装调试及开箱验收。',
    resolution: '已完成开箱检验、安装与调试，试产合格，客户签署验收报告。',
  },
  {
    kind: 'repair',
    lang: 'zh',
    title: '{model} 故障维修上门申请',
    description: '{model} 出现异常停机，客户设备科无法排除，申请工程师上门维修。',
    resolution: '工程师上门更换故障继电器，设备恢复正常，服务备忘录已由客户签字。',
  },
  {
    kind: 'maintenance',
    lang: 'zh',
    title: '{model} 年度维护保养',
    description: '按保养计划申请 {model} 年度保养：更换液压油及滤芯，检查电气柜与安全门。',
    resolution: '已完成年度保养，更换液压油 200 L 及滤芯，出具保养报告。',
  },
  {
    kind: 'training',
    lang: 'zh',
    title: '新员工操作培训申请（{model}）',
    description: '客户新招操作员 {people} 名，申请安排 {model} 操作与日常点检培训。',
    resolution: '已完成两天培训，{people} 名操作员考核合格，培训记录已归档。',
  },
  {
    kind: 'installation',
    lang: 'en',
    title: 'Installation and commissioning of {model}',
    description:
      'The new {model} (serial {serial}) has arrived on site; foundation and power are ready. Please send an engineer for installation and commissioning.',
    resolution: 'Installed and commissioned; trial production accepted; acceptance report signed by the customer.',
  },
  {
    kind: 'training',
    lang: 'en',
    title: 'Operator training for {model}',
    description: 'Please arrange operator training for {people} new operators on {model}, in English.',
    resolution: 'Two-day training held on site; attendance list and test results filed.',
  },
];

export interface QuestionTemplate {
  lang: 'zh' | 'en';
  title: string;
  description: string;
  answer: string;
}

export const INQUIRIES: readonly QuestionTemplate[] = [
  {
    lang: 'zh',
    title: '{model} 备件价格及交期咨询',
    description: '客户询问 {model} 常用备件（密封件、滤芯、加热圈）的价格和交期。',
    answer: '已发送备件报价单，常用备件现货，3 个工作日内发货。',
  },
  {
    lang: 'zh',
    title: '{model} 保修期查询（序列号 {serial}）',
    description: '客户询问设备是否仍在保修期内，以及保修范围。',
    answer: '已答复：保修至 {warrantyEnd}，保修范围含主要部件，易损件除外。',
  },
  {
    lang: 'zh',
    title: '控制程序升级咨询',
    description: '客户询问 {model} 控制程序能否升级到最新版本以支持多段注射。',
    answer: '已答复可免费升级，安排工程师下次保养时一并升级。',
  },
  {
    lang: 'zh',
    title: '能否提供 {model} 英文版说明书',
    description: '客户出口客户审厂需要英文版操作说明书。',
    answer: '已发送英文版说明书 PDF。',
  },
  {
    lang: 'en',
    title: 'Quotation request for {model} spare seals',
    description: 'The customer asks for a quotation for a set of spare seals and filters for {model}.',
    answer: 'Quotation sent; parts in stock, shipping within five working days.',
  },
  {
    lang: 'en',
    title: 'Warranty status of {model} serial {serial}',
    description: 'The customer asks whether the unit is still under warranty.',
    answer: 'Answered: warranty until {warrantyEnd}; wear parts excluded.',
  },
];

export const SUGGESTIONS: readonly QuestionTemplate[] = [
  {
    lang: 'zh',
    title: '建议增加设备远程监控功能',
    description: '客户建议设备支持手机远程查看运行状态与报警。',
    answer: '感谢建议，已转研发部纳入下一代控制器需求。',
  },
  {
    lang: 'zh',
    title: '建议说明书增加故障代码表',
    description: '客户反映说明书缺少完整的故障代码及处理方法。',
    answer: '已采纳，新版说明书将附故障代码表，电子版先行发送。',
  },
  {
    lang: 'zh',
    title: '建议缩短备件发货周期',
    description: '客户希望常用备件能在 48 小时内送达。',
    answer: '已转仓库与销售部评估在华东设立备件中心库。',
  },
  {
    lang: 'en',
    title: 'Suggestion: HMI language option for Vietnamese',
    description: 'The customer suggests adding Vietnamese to the HMI languages.',
    answer: 'Forwarded to R&D; planned for the next controller software release.',
  },
  {
    lang: 'en',
    title: 'Suggestion: preventive maintenance plan by e-mail',
    description: 'The customer would like an e-mailed reminder before each scheduled maintenance.',
    answer: 'Thank you; reminders will be sent from the service archive.',
  },
];

export const CASE_TYPE_WEIGHTS: Readonly<Record<(typeof CASE_TYPES)[number], number>> = {
  complaint: 42,
  service_request: 25,
  inquiry: 15,
  return: 10,
  suggestion: 8,
};

/** Phrases for the timeline. */
export const TEXT = {
  ackZh: '您好，您的反馈已收到（编号 {number}），我们将在 1 个工作日内安排专人跟进。如方便，请提供故障照片及设备铭牌照片。',
  ackEn:
    'Dear {contact}, we have received your report ({number}). Our team will contact you within one working day. Please send photos of the failure and of the nameplate.',
  internal: [
    '已要求客户寄回故障件进行检测。',
    '品质部初步判断为零部件批次问题，已通知采购部核查供应商。',
    '同批次 {batch} 另有设备在用，建议主动回访相关客户。',
    '与客户电话沟通，客户同意先修复后判定责任。',
    '已预约工程师上门，携带备件。',
    '查询服务档案：该设备去年做过一次保养，无相关维修记录。',
  ],
  internalEn: [
    'Asked the customer for photos of the nameplate and the failed part.',
    'Local service partner informed; spare parts checked in stock.',
  ],
  doneZh: '您好，处理已完成，请确认设备运行是否正常。如无异议请回复确认，谢谢！',
  doneEn: 'Dear {contact}, the work is complete. Please confirm that everything runs normally. Thank you.',
  holdReasons: ['等待客户寄回故障件', '等待供应商出具分析报告', '客户工厂停产检修，暂缓上门', '等待客户确认维修报价'],
  declineReasons: ['补偿金额超出核决权限，请重新评估方案并附损失依据。', '请先取得供应商的索赔承诺再提交审批。'],
  rejectExplanations: [
    '经现场核查，故障系客户使用非原厂液压油所致，不属于质量问题；已向客户书面说明并提供使用建议。',
    '经核对铭牌与出厂记录，该设备非我司产品，已礼貌告知客户并提供原厂联系方式。',
    '复测数据在技术协议允许范围内，投诉不成立；已向客户出具检测报告并解释。',
  ],
  closeWithoutConfirmation: '客户三次联系未回复，按程序视同确认关闭。',
  confirmationNotes: ['电话回访 {contact}，客户确认设备运行正常。', '客户邮件确认处理结果。', '服务备忘录已由客户签字确认。'],
  reopenReasons: ['客户反映同一部位再次出现问题，对处理结论不满意。', '客户不认可责任判定，要求重新调查。'],
  priorityReason: '重点客户，总经理要求优先处理',
};
