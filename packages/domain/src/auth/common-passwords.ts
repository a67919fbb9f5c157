/**
 * Passwords people choose first, lower case: the top of the published leak lists, the Chinese favourites
 * (拼音, 520/1314 love numbers, keyboard walks) and words of this trade. A password is refused when it is
 * one of these, or one of these with digits or symbols before or after it (`Password123!`, `5201314woaini`).
 * Kept short on purpose: the length and variety rules do the rest.
 */
const LIST = `
123456 123456789 12345678 1234567 12345 1234567890 123123 111111 000000 654321 666666 888888 999999 112233
121212 123321 123654 147258 147258369 159357 159753 168168 1314520 5201314 520520 521521 7758521 147852369
123qwe qwe123 qweasd qweasdzxc qazwsx qazwsxedc 1qaz2wsx 1qaz2wsx3edc 1q2w3e4r 1q2w3e4r5t 1q2w3e 2wsx3edc
zaq12wsx zaq1xsw2 q1w2e3r4 q1w2e3r4t5 qwerty qwertyui qwertyuiop qwertyu asdfgh asdfghjkl zxcvbn zxcvbnm
azerty asdf1234 qwer1234 abc123 abcd1234 a123456 a12345678 aa123456 123abc abc12345 aaa111 aaaaaa
password passw0rd p@ssw0rd p@ssword pass1234 password1 password123 passwd pass123 mypassword secret letmein
welcome welcome1 admin admin123 administrator root toor guest test test123 testing user user123 login
master changeme default system super superman batman spiderman ironman starwars pokemon nintendo computer
internet google baidu taobao qq123456 tencent wechat weixin alibaba huawei xiaomi lenovo haier
iloveyou iloveyou1 loveyou lovely love123 princess sunshine shadow monkey dragon football baseball basketball
soccer hockey jordan jordan23 michael michelle jessica ashley daniel thomas charlie robert jennifer hunter
ranger buster tigger killer trustno1 whatever freedom flower hello hello123 hellokitty cookie chocolate
summer winter spring autumn friday monday sunday cheese orange banana apple purple silver golden diamond
matrix mustang harley ferrari porsche corvette chelsea arsenal liverpool barcelona juventus madrid
ninja samsung nokia iphone android windows linux ubuntu oracle mysql qazxsw zxcasdqwe
woaini woaini1314 woaini520 woaiwojia woaini123 woshishui wodemima mima mima123 mimamima nihao nihao123
zhang wang li liu chen yang huang zhao zhou wu xu sun ma zhu hu guo he lin luo gao zheng liang
zhangwei wangwei wangfang liwei lina zhangmin lijing wangjing liuwei wangxiuying zhangli lixiuying wanglei
wangjun zhangyong liyong zhangjie lijun liuyang wangyong lixia zhangjun
zhongguo china beijing shanghai shenzhen guangzhou hangzhou nanjing chengdu wuhan tianjin chongqing
jiayou kuaile xingfu pingan fuqi aiqing qingqing xiaoxiao tiantian yueyue lele dandan
caonima buzhidao laopo laogong baobao baobei meimei gege jiejie didi mama baba wangba wangluo diannao
shouji youxiang dongxi mingzi shengri shengrikuaile xinnian guonian
aini1314 aini520 woainima 1314woaini 5211314 52013145201314 1314521 520131 131452
a1b2c3 a1b2c3d4 a1s2d3f4 1a2b3c4d abcdef abcdefg abcdefgh abc abcabc abcd asdasd qweqwe zxczxc
aaaa1111 aa112233 abc123456 a1234567 qq123 qq1234 qaz123 wsx123 asd123 asd123456 zxc123 zxc123456
closeloop bihuan service shouhou kefu kehu tousu weixiu baoxiu sanbao zhiliang pinzhi caiwu xiaoshou
shengchan yanfa caigou cangku zongjingli jingli zhuguan gongchang chejian gongsi company factory
quality manager support office staff worker engineer customer complaint repair warranty
welcome123 welcome2024 welcome2025 welcome2026 spring2026 summer2026 autumn2026 winter2026
changeme123 newpassword temp temp123 temppass initial chushi mima1234 mima12345
qwerty123 qwerty1 1qazxsw2 1qaz@wsx 1qaz!qaz 2wsx@wsx zaq!2wsx !qaz2wsx qaz!wsx
147147 258258 369369 741852 741852963 963852741 852456 456789 789456 789456123 321321 987654321
abcd12345 abcde12345 qwe123456 qweasd123 asdzxc zxcvb asdfg qwert poiuyt lkjhgf mnbvcx
iloveu ilovechina iloveyou520 loveme lover love1314 love520 forever together mylove
dearbook happy happy123 lucky lucky888 fortune money rich boss king queen prince angel baby
`;

export const COMMON_PASSWORDS: readonly string[] = [...new Set(LIST.split(/\s+/).filter(Boolean))];
