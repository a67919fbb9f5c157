/**
 * Word lists the seed builds names, titles and descriptions from. Chinese and English entries are
 * parallel (same index, same meaning), so a case can be written in either language.
 */

/** Components (also product names). */
export const COMPONENTS: readonly (readonly [zh: string, en: string, modelPrefix: string])[] = [
  ['液压泵', 'hydraulic pump', 'HP'],
  ['齿轮泵', 'gear pump', 'GP'],
  ['电机', 'motor', 'EM'],
  ['控制板', 'control board', 'CB'],
  ['减速机', 'gearbox', 'GB'],
  ['电磁阀', 'solenoid valve', 'SV'],
  ['轴承', 'bearing', 'BR'],
  ['压力传感器', 'pressure sensor', 'PS'],
  ['密封圈', 'seal ring', 'SR'],
  ['显示屏', 'display panel', 'DP'],
  ['变频器', 'frequency inverter', 'FI'],
  ['油缸', 'hydraulic cylinder', 'HC'],
  ['冷却风扇', 'cooling fan', 'CF'],
  ['线束', 'wiring harness', 'WH'],
  ['联轴器', 'coupling', 'CP'],
  ['过滤器', 'filter', 'FL'],
  ['编码器', 'encoder', 'EC'],
  ['空压机', 'air compressor', 'AC'],
  ['机柜', 'cabinet', 'CA'],
  ['叶轮', 'impeller', 'IM'],
];

/** Defects (the second half of most titles). */
export const DEFECTS: readonly (readonly [zh: string, en: string])[] = [
  ['漏油', 'leaking oil'],
  ['异响', 'abnormal noise'],
  ['烧毁', 'burnt out'],
  ['尺寸超差', 'out of tolerance'],
  ['包装破损', 'damaged packaging'],
  ['无法启动', 'fails to start'],
  ['过热', 'overheating'],
  ['振动过大', 'excessive vibration'],
  ['读数不准', 'inaccurate readings'],
  ['外壳开裂', 'cracked housing'],
  ['表面生锈', 'surface rust'],
  ['频繁报警', 'frequent alarms'],
  ['缺少配件', 'missing parts'],
  ['压力不足', 'low pressure'],
  ['运输变形', 'deformed in transit'],
  ['划伤', 'scratched'],
  ['短路跳闸', 'short circuit tripping'],
  ['转速不稳', 'unstable speed'],
];

/** What the customer saw on site. */
export const PHENOMENA: readonly (readonly [zh: string, en: string])[] = [
  ['停机检查发现密封件老化', 'on inspection the seals were found worn'],
  ['伴有明显振动和温升', 'with noticeable vibration and heat'],
  ['控制面板显示报警代码E07', 'the panel shows alarm code E07'],
  ['外观可见明显损伤', 'visible damage on the outside'],
  ['同批次另有多台出现类似问题', 'several other units of the same batch show the same problem'],
  ['现场照片已通过邮件发送', 'photos from site were sent by email'],
  ['影响客户生产线正常运行', 'the customer production line is affected'],
  ['更换保险丝后仍然无法恢复', 'replacing the fuse did not help'],
  ['到货开箱时即发现问题', 'the problem was found when unpacking on arrival'],
  ['间歇性出现，重启后暂时恢复', 'intermittent, a restart helps for a while'],
];

/** What the customer asks for. */
export const DEMANDS: readonly (readonly [zh: string, en: string])[] = [
  ['要求尽快派人上门维修', 'asks for a technician on site as soon as possible'],
  ['要求更换新品', 'asks for a replacement'],
  ['要求退货退款', 'asks to return the goods for a refund'],
  ['要求书面说明原因', 'asks for a written explanation'],
  ['要求赔偿停产损失', 'claims compensation for downtime'],
  ['希望提供技术指导', 'asks for technical guidance'],
];

export const CITIES: readonly (readonly [zh: string, en: string, province: string])[] = [
  ['苏州', 'Suzhou', '江苏'],
  ['无锡', 'Wuxi', '江苏'],
  ['宁波', 'Ningbo', '浙江'],
  ['杭州', 'Hangzhou', '浙江'],
  ['温州', 'Wenzhou', '浙江'],
  ['佛山', 'Foshan', '广东'],
  ['东莞', 'Dongguan', '广东'],
  ['深圳', 'Shenzhen', '广东'],
  ['青岛', 'Qingdao', '山东'],
  ['济南', 'Jinan', '山东'],
  ['天津', 'Tianjin', '天津'],
  ['沈阳', 'Shenyang', '辽宁'],
  ['大连', 'Dalian', '辽宁'],
  ['武汉', 'Wuhan', '湖北'],
  ['长沙', 'Changsha', '湖南'],
  ['成都', 'Chengdu', '四川'],
  ['重庆', 'Chongqing', '重庆'],
  ['西安', "Xi'an", '陕西'],
  ['郑州', 'Zhengzhou', '河南'],
  ['合肥', 'Hefei', '安徽'],
  ['上海', 'Shanghai', '上海'],
  ['北京', 'Beijing', '北京'],
];

/** Trade names (字号). */
export const TRADE_NAMES: readonly (readonly [zh: string, en: string])[] = [
  ['恒达', 'Hengda'],
  ['华润', 'Huarun'],
  ['鑫源', 'Xinyuan'],
  ['永盛', 'Yongsheng'],
  ['宏图', 'Hongtu'],
  ['金泰', 'Jintai'],
  ['博远', 'Boyuan'],
  ['中联', 'Zhonglian'],
  ['天润', 'Tianrun'],
  ['广汇', 'Guanghui'],
  ['瑞丰', 'Ruifeng'],
  ['海川', 'Haichuan'],
  ['东方', 'Dongfang'],
  ['新科', 'Xinke'],
  ['正泰', 'Zhengtai'],
  ['立信', 'Lixin'],
  ['安达', 'Anda'],
  ['力拓', 'Lituo'],
  ['明阳', 'Mingyang'],
  ['长城', 'Changcheng'],
  ['凯瑞', 'Kairui'],
  ['嘉诚', 'Jiacheng'],
  ['联创', 'Lianchuang'],
  ['精工', 'Jinggong'],
  ['华信', 'Huaxin'],
];

export const INDUSTRIES: readonly (readonly [zh: string, en: string])[] = [
  ['机械', 'Machinery'],
  ['重工', 'Heavy Industry'],
  ['液压设备', 'Hydraulic Equipment'],
  ['自动化', 'Automation'],
  ['精密制造', 'Precision Manufacturing'],
  ['工程机械', 'Construction Machinery'],
  ['电气', 'Electric'],
  ['环保科技', 'Environmental Technology'],
  ['塑胶', 'Plastics'],
  ['食品机械', 'Food Machinery'],
];

export const COMPANY_SUFFIXES: readonly (readonly [zh: string, en: string])[] = [
  ['有限公司', 'Co., Ltd.'],
  ['股份有限公司', 'Corp.'],
  ['集团有限公司', 'Group Co., Ltd.'],
  ['制造有限公司', 'Manufacturing Co., Ltd.'],
];

/** Foreign customers: English names, with the country. */
export const FOREIGN_STEMS = [
  'Nordic',
  'Atlas',
  'Baltic',
  'Pacific',
  'Alpine',
  'Delta',
  'Summit',
  'Rhine',
  'Andes',
  'Sahara',
  'Meridian',
  'Orion',
];
export const FOREIGN_KINDS = ['Hydraulics', 'Industrial Supply', 'Machinery', 'Automation', 'Engineering', 'Pumps & Valves'];
export const FOREIGN_COUNTRIES: readonly (readonly [code: string, suffix: string])[] = [
  ['DE', 'GmbH'],
  ['US', 'Inc.'],
  ['JP', 'K.K.'],
  ['KR', 'Co., Ltd.'],
  ['VN', 'JSC'],
  ['IN', 'Pvt. Ltd.'],
  ['BR', 'Ltda.'],
  ['TR', 'A.S.'],
  ['SE', 'AB'],
  ['MX', 'S.A. de C.V.'],
];

/** Chinese personal names for users and contacts. */
export const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭'];
export const GIVEN_NAMES = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '强',
  '磊',
  '洋',
  '艳',
  '勇',
  '军',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀英',
  '建华',
  '志强',
  '海燕',
];

export const TAGS = ['重复投诉', 'VIP', '出口', '批量问题', '媒体关注', '保修期外'];

/** Search terms the benchmark uses, and how many characters each has. */
export const SEARCH_TERMS: readonly { label: string; q: string }[] = [
  { label: 'zh 2 chars 漏油', q: '漏油' },
  { label: 'zh 2 chars 异响', q: '异响' },
  { label: 'zh 2 chars 断裂 (no match)', q: '断裂' },
  { label: 'zh 3 chars 液压泵', q: '液压泵' },
  { label: 'zh 3 chars 控制板', q: '控制板' },
  { label: 'zh 4 chars 尺寸超差', q: '尺寸超差' },
  { label: 'zh 4 chars 包装破损', q: '包装破损' },
  { label: 'zh customer 恒达机械', q: '恒达机械' },
  { label: 'en word "leaking"', q: 'leaking' },
  { label: 'en word "gearbox"', q: 'gearbox' },
];
