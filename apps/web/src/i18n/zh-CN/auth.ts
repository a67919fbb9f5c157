export default {
  title: '登录 Closeloop 闭环',
  subtitle: '客户反馈与售后服务管理',
  login: '用户名',
  password: '密码',
  submit: '登录',
  loginRequired: '请输入用户名',
  passwordRequired: '请输入密码',
  wrongPassword: '用户名或密码错误。',
  lockedOut: '登录失败次数过多，请 {{minutes}} 分钟后再试。',
  expired: '登录已过期，请重新登录。',
  loggedOut: '您已退出登录。',
};
