import { VOCABULARY_LABELS } from '@closeloop/domain';

/** Shared words and the labels of every domain vocabulary. */
export default {
  appName: 'Closeloop 闭环',
  nav: {
    workspace: '工作台',
    cases: '案件',
    newCase: '登记案件',
    customers: '客户档案',
    products: '产品',
    units: '设备',
    settings: '系统设置',
  },
  userMenu: { language: '语言', logout: '退出登录', signedInAs: '当前用户：{{name}}' },
  actions: {
    save: '保存',
    cancel: '取消',
    confirm: '确定',
    edit: '编辑',
    create: '新建',
    delete: '删除',
    search: '搜索',
    reset: '重置',
    reload: '重新加载',
    back: '返回',
    export: '导出',
    more: '更多',
    close: '关闭',
  },
  states: { loading: '加载中…', empty: '暂无数据', error: '出错了', retry: '重试', none: '无', unknown: '未知', yes: '是', no: '否' },
  errors: {
    network: '无法连接服务器，请检查网络后重试。',
    sessionExpired: '登录已过期，请重新登录。',
    forbidden: '您没有执行此操作的权限。',
    notFound: '找不到该记录。',
    conflict: '该记录已被他人修改。',
    generic: '操作失败：{{detail}}',
  },
  enums: VOCABULARY_LABELS['zh-CN'],
};
