<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>nat::ui::AboutDialog</name>
    <message>
        <source>About NAT Studio</source>
        <translation>关于 NAT Studio</translation>
    </message>
    <message>
        <source>Find small, accurate image classifiers for your own data with Neural Architecture Transfer: a weight-sharing supernet adapted to your task while a many-objective evolutionary search trades accuracy against cost.</source>
        <translation>借助神经架构迁移（NAT）为您自己的数据找到小而准确的图像分类器：权重共享的超网络会适配您的任务，同时多目标进化搜索在精度与开销之间进行权衡。</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>%1: not built in</source>
        <translation>%1：未内置</translation>
    </message>
    <message>
        <source>%1 %2 (%3)</source>
        <translation>%1 %2（%3）</translation>
    </message>
    <message>
        <source>Component</source>
        <translation>组件</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>许可证</translation>
    </message>
    <message>
        <source>not built in</source>
        <translation>未内置</translation>
    </message>
    <message>
        <source>NAT Studio&apos;s own source code is released under the MIT licence. This build links Qt Charts, which is licensed under the GPL-3.0, so the program as distributed is covered by the GPL-3.0 as a whole. The built-in Fashion-MNIST dataset (Zalando Research) is MIT-licensed. The licence terms are collected in /usr/share/doc/nat-studio/copyright.</source>
        <translation>NAT Studio 自身的源代码以 MIT 许可证发布。此版本链接了采用 GPL-3.0 许可的 Qt Charts，因此所分发的程序整体受 GPL-3.0 约束。内置的 Fashion-MNIST 数据集（Zalando Research）采用 MIT 许可证。许可条款汇总于 /usr/share/doc/nat-studio/copyright。</translation>
    </message>
</context>
<context>
    <name>nat::ui::MainWindow</name>
    <message>
        <source>NAT Studio</source>
        <translation>NAT Studio</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>Fashion-MNIST (built in)</source>
        <translation>Fashion-MNIST（内置）</translation>
    </message>
    <message>
        <source>&lt;h1&gt;NAT Studio&lt;/h1&gt;&lt;p&gt;Neural Architecture Transfer for your own images.&lt;/p&gt;&lt;p&gt;Dataset: &lt;b&gt;%1&lt;/b&gt;&lt;/p&gt;</source>
        <translation>&lt;h1&gt;NAT Studio&lt;/h1&gt;&lt;p&gt;为您自己的图像进行神经架构迁移。&lt;/p&gt;&lt;p&gt;数据集：&lt;b&gt;%1&lt;/b&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Full Screen</source>
        <translation>全屏(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About NAT Studio</source>
        <translation>关于 NAT Studio(&amp;A)</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>关于 &amp;Qt</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
</context>
<context>
    <name>nat::ui::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <source>A change of language takes effect when NAT Studio is restarted.</source>
        <translation>更改语言将在重新启动 NAT Studio 后生效。</translation>
    </message>
</context>
</TS>
