<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>nat::ui::AboutDialog</name>
    <message>
        <source>NAT Studio %1</source>
        <translation>NAT Studio %1</translation>
    </message>
    <message>
        <source>Qt %1 (LGPL-3.0)</source>
        <translation>Qt %1（LGPL-3.0）</translation>
    </message>
    <message>
        <source>LibTorch %1 (BSD-3-Clause)</source>
        <translation>LibTorch %1（BSD-3-Clause）</translation>
    </message>
    <message>
        <source>OpenCV: not built in</source>
        <translation>OpenCV：未内置</translation>
    </message>
    <message>
        <source>OpenCV %1 (Apache-2.0)</source>
        <translation>OpenCV %1（Apache-2.0）</translation>
    </message>
    <message>
        <source>About NAT Studio</source>
        <translation>关于 NAT Studio</translation>
    </message>
    <message>
        <source>Find small, accurate image classifiers for your own data with Neural Architecture Transfer: a weight-sharing supernet adapted to your task while a many-objective evolutionary search trades accuracy against cost.</source>
        <translation>借助神经架构迁移（NAT）为您自己的数据找到小而准确的图像分类器：权重共享的超网络会适配您的任务，同时多目标进化搜索在精度与开销之间进行权衡。</translation>
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
</context>
</TS>