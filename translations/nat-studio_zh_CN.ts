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
    <name>nat::ui::ArchDiagram</name>
    <message>
        <source>Architecture diagram</source>
        <translation>架构示意图</translation>
    </message>
    <message>
        <source>Click a point of the front to inspect its architecture.</source>
        <translation>点击前沿上的一个点以查看其架构。</translation>
    </message>
    <message>
        <source>input %1×%1</source>
        <translation>输入 %1×%1</translation>
    </message>
    <message>
        <source>stem + block 0</source>
        <translation>主干 + 块 0</translation>
    </message>
    <message>
        <source>conv 3×3, %1</source>
        <translation>卷积 3×3，%1</translation>
    </message>
    <message>
        <source>dw 3×3, %1</source>
        <translation>深度卷积 3×3，%1</translation>
    </message>
    <message>
        <source>stage %1 · %2 ch</source>
        <translation>阶段 %1 · %2 通道</translation>
    </message>
    <message>
        <source>stride %1 → %2×%2</source>
        <translation>步幅 %1 → %2×%2</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>已跳过</translation>
    </message>
    <message>
        <source> +SE</source>
        <translation> +SE</translation>
    </message>
    <message>
        <source>head</source>
        <translation>头部</translation>
    </message>
    <message>
        <source>pool → classifier</source>
        <translation>池化 → 分类器</translation>
    </message>
    <message>
        <source>1×1, %1</source>
        <translation>1×1，%1</translation>
    </message>
    <message>
        <source>pool + 1×1, %1</source>
        <translation>池化 + 1×1，%1</translation>
    </message>
    <message>
        <source>classifier</source>
        <translation>分类器</translation>
    </message>
    <message>
        <source>Colour: expand ratio (light = small); dashed: layers of the supernet this subnet skips.</source>
        <translation>颜色：扩展比（浅色 = 小）；虚线：此子网跳过的超网层。</translation>
    </message>
</context>
<context>
    <name>nat::ui::CompareView</name>
    <message>
        <source>&lt;h2&gt;Comparison&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;比较&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>Back to the inspector</source>
        <translation>返回检查器</translation>
    </message>
    <message>
        <source>Objectives of the compared architectures</source>
        <translation>所比较架构的目标</translation>
    </message>
    <message>
        <source>Differences only</source>
        <translation>仅显示差异</translation>
    </message>
    <message>
        <source>Per-layer comparison</source>
        <translation>逐层比较</translation>
    </message>
    <message>
        <source>&lt;b&gt;Architecture #%1&lt;/b&gt; — %2, %3 MAdds</source>
        <translation>&lt;b&gt;架构 #%1&lt;/b&gt; — %2，%3 MAdds</translation>
    </message>
    <message>
        <source>Inspect</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>Inspect architecture #%1</source>
        <translation>检查架构 #%1</translation>
    </message>
    <message>
        <source>Cannot compare: %1</source>
        <translation>无法比较：%1</translation>
    </message>
    <message>
        <source>Objective</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>#%1</source>
        <translation>#%1</translation>
    </message>
    <message>
        <source>Validation accuracy</source>
        <translation>验证准确率</translation>
    </message>
    <message>
        <source>Test accuracy</source>
        <translation>测试准确率</translation>
    </message>
    <message>
        <source>not evaluated</source>
        <translation>未评估</translation>
    </message>
    <message>
        <source>MAdds</source>
        <translation>MAdds</translation>
    </message>
    <message>
        <source>Params</source>
        <translation>参数量</translation>
    </message>
    <message>
        <source>CPU latency</source>
        <translation>CPU 延迟</translation>
    </message>
    <message>
        <source>GPU latency</source>
        <translation>GPU 延迟</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>层数</translation>
    </message>
    <message>
        <source>Found in iteration</source>
        <translation>发现于迭代</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>层</translation>
    </message>
</context>
<context>
    <name>nat::ui::ConfusionHeatMap</name>
    <message>
        <source>Confusion matrix</source>
        <translation>混淆矩阵</translation>
    </message>
    <message>
        <source>predicted →</source>
        <translation>预测 →</translation>
    </message>
    <message>
        <source>true ↓</source>
        <translation>真实 ↓</translation>
    </message>
</context>
<context>
    <name>nat::ui::CurvesChart</name>
    <message>
        <source>Curve</source>
        <translation>曲线</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Subnet accuracy</source>
        <translation>子网准确率</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>X axis</source>
        <translation>X 轴</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>Wall time (s)</source>
        <translation>实际时间（秒）</translation>
    </message>
    <message>
        <source>Smoothing</source>
        <translation>平滑</translation>
    </message>
    <message>
        <source>Exponential moving average; the raw curve stays visible</source>
        <translation>指数移动平均；原始曲线保持可见</translation>
    </message>
    <message>
        <source>Log scale</source>
        <translation>对数刻度</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Export the curve</source>
        <translation>导出曲线</translation>
    </message>
    <message>
        <source>vs</source>
        <translation>对</translation>
    </message>
    <message>
        <source>Smoothing:</source>
        <translation>平滑：</translation>
    </message>
    <message>
        <source>Supernet training curves</source>
        <translation>超网训练曲线</translation>
    </message>
    <message>
        <source>Drag to zoom, right click to reset</source>
        <translation>拖动以缩放，右键单击以重置</translation>
    </message>
    <message>
        <source>raw</source>
        <translation>原始</translation>
    </message>
    <message>
        <source>smoothed</source>
        <translation>平滑后</translation>
    </message>
    <message>
        <source>Export curve</source>
        <translation>导出曲线</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg);;CSV table (*.csv)</source>
        <translation>PNG 图像 (*.png);;SVG 图形 (*.svg);;CSV 表格 (*.csv)</translation>
    </message>
    <message>
        <source>Could not write %1</source>
        <translation>无法写入 %1</translation>
    </message>
    <message>
        <source>NAT Studio training curve</source>
        <translation>NAT Studio 训练曲线</translation>
    </message>
</context>
<context>
    <name>nat::ui::DashboardPage</name>
    <message>
        <source>Hypervolume per iteration</source>
        <translation>每次迭代的超体积</translation>
    </message>
    <message>
        <source>No iterations yet</source>
        <translation>尚无迭代</translation>
    </message>
    <message>
        <source>Iteration shown</source>
        <translation>显示的迭代</translation>
    </message>
    <message>
        <source>▶ Play</source>
        <translation>▶ 播放</translation>
    </message>
    <message>
        <source>Replay the front evolution</source>
        <translation>回放前沿的演变</translation>
    </message>
    <message>
        <source>Iteration %1 of %2 — %3 architectures, hypervolume %4</source>
        <translation>第 %1 次迭代，共 %2 次 — %3 个架构，超体积 %4</translation>
    </message>
    <message>
        <source>iteration</source>
        <translation>迭代</translation>
    </message>
    <message>
        <source>⏸ Pause</source>
        <translation>⏸ 暂停</translation>
    </message>
    <message>
        <source>Compare selected</source>
        <translation>比较所选</translation>
    </message>
    <message>
        <source>Compare the selected architectures side by side</source>
        <translation>并排比较所选架构</translation>
    </message>
    <message>
        <source>Drag a box or lasso on the front, or along an axis below, to select several</source>
        <translation>在前沿图上拖出矩形或套索，或在下方沿坐标轴拖动，以选择多个</translation>
    </message>
    <message numerus="yes">
        <source>%n architecture(s) selected</source>
        <translation>
            <numerusform>已选择 %n 个架构</numerusform>
        </translation>
    </message>
    <message>
        <source>Select 2 to 4 architectures to compare them</source>
        <translation>选择 2 到 4 个架构进行比较</translation>
    </message>
</context>
<context>
    <name>nat::ui::DatasetPage</name>
    <message>
        <source>Fashion-MNIST (built in)
70,000 greyscale images, 28×28, 10 classes</source>
        <translation>Fashion-MNIST（内置）
70,000 张灰度图像，28×28，10 个类别</translation>
    </message>
    <message>
        <source>Use the built-in Fashion-MNIST dataset</source>
        <translation>使用内置的 Fashion-MNIST 数据集</translation>
    </message>
    <message>
        <source>Open folder…</source>
        <translation>打开文件夹…</translation>
    </message>
    <message>
        <source>Open a dataset folder</source>
        <translation>打开数据集文件夹</translation>
    </message>
    <message>
        <source>IDX files, CIFAR-10/100 binary batches, or one sub-folder of images per class</source>
        <translation>IDX 文件、CIFAR-10/100 二进制批次，或每个类别一个图像子文件夹</translation>
    </message>
    <message>
        <source>No dataset opened yet.</source>
        <translation>尚未打开数据集。</translation>
    </message>
    <message>
        <source>Detected</source>
        <translation>检测结果</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>preset default</source>
        <translation>预设默认值</translation>
    </message>
    <message>
        <source>Validation images</source>
        <translation>验证图像</translation>
    </message>
    <message>
        <source>Held out from the training split; the search measures accuracy on them.</source>
        <translation>从训练集中留出；搜索在这些图像上测量准确率。</translation>
    </message>
    <message>
        <source>0 uses every training image.</source>
        <translation>0 表示使用全部训练图像。</translation>
    </message>
    <message>
        <source>Training images to use</source>
        <translation>要使用的训练图像</translation>
    </message>
    <message>
        <source>Validation images:</source>
        <translation>验证图像：</translation>
    </message>
    <message>
        <source>Training subset:</source>
        <translation>训练子集：</translation>
    </message>
    <message>
        <source>Images per class</source>
        <translation>每个类别的图像数</translation>
    </message>
    <message>
        <source>Open dataset folder</source>
        <translation>打开数据集文件夹</translation>
    </message>
    <message>
        <source>Opening %1 …</source>
        <translation>正在打开 %1 …</translation>
    </message>
    <message>
        <source>This folder cannot be used as a dataset.</source>
        <translation>此文件夹不能用作数据集。</translation>
    </message>
    <message>
        <source>Problem: %1</source>
        <translation>问题：%1</translation>
    </message>
    <message>
        <source>Opened %1.</source>
        <translation>已打开 %1。</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;Format: %2&lt;br&gt;Folder: %3&lt;br&gt;Classes: %4&lt;br&gt;Images: %5 training, %6 test&lt;br&gt;Image size: %7×%8, %9 channel(s)&lt;br&gt;Mean: %10&lt;br&gt;Std: %11</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;格式：%2&lt;br&gt;文件夹：%3&lt;br&gt;类别：%4&lt;br&gt;图像：%5 张训练，%6 张测试&lt;br&gt;图像尺寸：%7×%8，%9 个通道&lt;br&gt;均值：%10&lt;br&gt;标准差：%11</translation>
    </message>
    <message>
        <source>&lt;br&gt;Skipped unreadable files: %1</source>
        <translation>&lt;br&gt;跳过的不可读文件：%1</translation>
    </message>
    <message>
        <source>%1 (%2 classes, %3 images)</source>
        <translation>%1（%2 个类别，%3 张图像）</translation>
    </message>
    <message>
        <source>training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>test</source>
        <translation>测试</translation>
    </message>
</context>
<context>
    <name>nat::ui::EvaluationView</name>
    <message>
        <source>Not evaluated yet. Use “Evaluate on test set”.</source>
        <translation>尚未评估。请使用“在测试集上评估”。</translation>
    </message>
    <message>
        <source>Per-class accuracy</source>
        <translation>每个类别的准确率</translation>
    </message>
    <message>
        <source>Misclassified examples (true → predicted):</source>
        <translation>错误分类的样本（真实 → 预测）：</translation>
    </message>
    <message>
        <source>&lt;b&gt;Top-1 on the %1 split: %2&lt;/b&gt; (architecture #%3)</source>
        <translation>&lt;b&gt;%1 集上的 Top-1：%2&lt;/b&gt;（架构 #%3）</translation>
    </message>
    <message>
        <source>Per-class accuracy (%)</source>
        <translation>每个类别的准确率（%）</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>#%1: %2 → %3</source>
        <translation>#%1：%2 → %3</translation>
    </message>
    <message>
        <source>Fine-tune first</source>
        <translation>先微调</translation>
    </message>
    <message>
        <source>Fine-tune before evaluating</source>
        <translation>评估前先微调</translation>
    </message>
    <message>
        <source>Train the extracted subnet for a few epochs on the run&apos;s training split before evaluating it; the result shows the accuracy before and after.</source>
        <translation>评估前先在该运行的训练集上将提取出的子网训练几个轮次；结果显示微调前后的准确率。</translation>
    </message>
    <message>
        <source>Fine-tuning epochs</source>
        <translation>微调轮数</translation>
    </message>
    <message>
        <source> epoch(s)</source>
        <translation> 轮</translation>
    </message>
    <message>
        <source>&lt;b&gt;Top-1 on the %1 split after fine-tuning: %2&lt;/b&gt; (architecture #%3)</source>
        <translation>&lt;b&gt;微调后在 %1 集上的 Top-1：%2&lt;/b&gt;（架构 #%3）</translation>
    </message>
    <message>
        <source>%1 → %2 (%3%4 points)</source>
        <translation>%1 → %2（%3%4 个百分点）</translation>
    </message>
    <message numerus="yes">
        <source>Fine-tuned for %n epoch(s) (%1 steps, %2, seed %3) before evaluating.</source>
        <translation>
            <numerusform>评估前已微调 %n 轮（%1 步，%2，种子 %3）。</numerusform>
        </translation>
    </message>
    <message>
        <source>Test top-1: %1</source>
        <translation>测试集 Top-1：%1</translation>
    </message>
    <message>
        <source>Validation top-1: %1</source>
        <translation>验证集 Top-1：%1</translation>
    </message>
    <message>
        <source>Training images top-1: %1</source>
        <translation>训练图像 Top-1：%1</translation>
    </message>
</context>
<context>
    <name>nat::ui::ExportDialog</name>
    <message>
        <source>Export architecture #%1</source>
        <translation>导出架构 #%1</translation>
    </message>
    <message>
        <source>ONNX model (verified by re-running it)</source>
        <translation>ONNX 模型（通过重新运行验证）</translation>
    </message>
    <message>
        <source>TorchScript module</source>
        <translation>TorchScript 模块</translation>
    </message>
    <message>
        <source>net.subnet JSON (NAT / OFA)</source>
        <translation>net.subnet JSON（NAT / OFA）</translation>
    </message>
    <message>
        <source>net.config JSON</source>
        <translation>net.config JSON</translation>
    </message>
    <message>
        <source>architecture.json (objectives, provenance)</source>
        <translation>architecture.json（目标、来源）</translation>
    </message>
    <message>
        <source>Weights (state dict)</source>
        <translation>权重（state dict）</translation>
    </message>
    <message>
        <source>Formats:</source>
        <translation>格式：</translation>
    </message>
    <message>
        <source>ONNX opset</source>
        <translation>ONNX opset</translation>
    </message>
    <message>
        <source>ONNX &amp;opset:</source>
        <translation>ONNX &amp;opset：</translation>
    </message>
    <message>
        <source>Fold batch norm into convolutions</source>
        <translation>将批归一化折叠进卷积</translation>
    </message>
    <message>
        <source>Dynamic batch axis (OpenCV DNN needs a static one)</source>
        <translation>动态批次维度（OpenCV DNN 需要静态维度）</translation>
    </message>
    <message>
        <source>Output folder</source>
        <translation>输出文件夹</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Output &amp;folder:</source>
        <translation>输出文件夹(&amp;F)：</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>导出到</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Fine-tune first</source>
        <translation>先微调</translation>
    </message>
    <message>
        <source>Fine-tune before exporting</source>
        <translation>导出前先微调</translation>
    </message>
    <message>
        <source>Train the subnet for a few epochs on the run&apos;s training split and export the fine-tuned weights; the accuracy before and after is recorded with the files.</source>
        <translation>在该运行的训练集上将子网训练几个轮次并导出微调后的权重；微调前后的准确率随文件一起记录。</translation>
    </message>
    <message>
        <source>Fine-tuning epochs</source>
        <translation>微调轮数</translation>
    </message>
    <message>
        <source> epoch(s)</source>
        <translation> 轮</translation>
    </message>
    <message>
        <source>Weights:</source>
        <translation>权重：</translation>
    </message>
</context>
<context>
    <name>nat::ui::Fmt</name>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分钟</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 分钟 %2 秒</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>Top-1 accuracy (%)</source>
        <translation>Top-1 准确率（%）</translation>
    </message>
    <message>
        <source>MAdds</source>
        <translation>MAdds</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数量</translation>
    </message>
    <message>
        <source>CPU latency (ms)</source>
        <translation>CPU 延迟（毫秒）</translation>
    </message>
    <message>
        <source>GPU latency (ms)</source>
        <translation>GPU 延迟（毫秒）</translation>
    </message>
    <message>
        <source>not measured</source>
        <translation>未测量</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <source>Architecture #%1 (iteration %2)
Accuracy: %3
MAdds: %4
Params: %5
CPU latency: %6</source>
        <translation>架构 #%1（第 %2 次迭代）
准确率：%3
MAdds：%4
参数量：%5
CPU 延迟：%6</translation>
    </message>
    <message>
        <source>
Predicted accuracy: %1</source>
        <translation>
预测准确率：%1</translation>
    </message>
    <message>
        <source>
Encoding: %1</source>
        <translation>
编码：%1</translation>
    </message>
</context>
<context>
    <name>nat::ui::FrontChart</name>
    <message>
        <source>X-axis objective</source>
        <translation>X 轴目标</translation>
    </message>
    <message>
        <source>Y-axis objective</source>
        <translation>Y 轴目标</translation>
    </message>
    <message>
        <source>Log x</source>
        <translation>对数 x</translation>
    </message>
    <message>
        <source>Front only</source>
        <translation>仅前沿</translation>
    </message>
    <message>
        <source>Feasible only</source>
        <translation>仅可行解</translation>
    </message>
    <message>
        <source> M</source>
        <translation> M</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>无限制</translation>
    </message>
    <message>
        <source>Maximum MAdds in millions</source>
        <translation>最大 MAdds（百万）</translation>
    </message>
    <message>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <source>Minimum accuracy in percent</source>
        <translation>最低准确率（百分比）</translation>
    </message>
    <message>
        <source>x:</source>
        <translation>x：</translation>
    </message>
    <message>
        <source>y:</source>
        <translation>y：</translation>
    </message>
    <message>
        <source>max MAdds:</source>
        <translation>最大 MAdds：</translation>
    </message>
    <message>
        <source>min acc.:</source>
        <translation>最低准确率：</translation>
    </message>
    <message>
        <source>Pareto front</source>
        <translation>帕累托前沿</translation>
    </message>
    <message>
        <source>dominated</source>
        <translation>被支配</translation>
    </message>
    <message>
        <source>front</source>
        <translation>前沿</translation>
    </message>
    <message>
        <source>new</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>predicted</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>knee/pick</source>
        <translation>拐点/首选</translation>
    </message>
    <message>
        <source>selected</source>
        <translation>已选</translation>
    </message>
    <message>
        <source>front (step)</source>
        <translation>前沿（阶梯）</translation>
    </message>
    <message>
        <source>Lasso</source>
        <translation>套索</translation>
    </message>
    <message>
        <source>Drag a free shape to select several architectures (or hold Ctrl while dragging)</source>
        <translation>拖出任意形状以选择多个架构（或拖动时按住 Ctrl）</translation>
    </message>
</context>
<context>
    <name>nat::ui::InspectorPage</name>
    <message>
        <source>&lt;h2&gt;No architecture selected&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;未选择架构&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>Evaluate on test set</source>
        <translation>在测试集上评估</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Export this architecture</source>
        <translation>导出此架构</translation>
    </message>
    <message>
        <source>Encoding</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy the encoding</source>
        <translation>复制编码</translation>
    </message>
    <message>
        <source>Encoding:</source>
        <translation>编码：</translation>
    </message>
    <message>
        <source>Per-layer costs</source>
        <translation>逐层开销</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>Params</source>
        <translation>参数量</translation>
    </message>
    <message>
        <source>MAdds</source>
        <translation>MAdds</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>占比</translation>
    </message>
    <message>
        <source>Click a point of the Pareto front on the dashboard.</source>
        <translation>在仪表板上点击帕累托前沿的一个点。</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Architecture #%1&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;架构 #%1&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>Accuracy: &lt;b&gt;%1&lt;/b&gt; &amp;nbsp; MAdds: &lt;b&gt;%2&lt;/b&gt; &amp;nbsp; Params: &lt;b&gt;%3&lt;/b&gt; &amp;nbsp; CPU latency: &lt;b&gt;%4&lt;/b&gt; &amp;nbsp; found in iteration %5</source>
        <translation>准确率：&lt;b&gt;%1&lt;/b&gt; &amp;nbsp; MAdds：&lt;b&gt;%2&lt;/b&gt; &amp;nbsp; 参数量：&lt;b&gt;%3&lt;/b&gt; &amp;nbsp; CPU 延迟：&lt;b&gt;%4&lt;/b&gt; &amp;nbsp; 发现于第 %5 次迭代</translation>
    </message>
    <message>
        <source> &amp;nbsp; predicted accuracy: %1</source>
        <translation> &amp;nbsp; 预测准确率：%1</translation>
    </message>
    <message>
        <source> &amp;nbsp; test accuracy: &lt;b&gt;%1&lt;/b&gt;</source>
        <translation> &amp;nbsp; 测试准确率：&lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>total</source>
        <translation>合计</translation>
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
        <source>Job running</source>
        <translation>任务正在运行</translation>
    </message>
    <message>
        <source>A job is still running. Stop it and quit?

A search is saved and can be resumed later from its run folder.</source>
        <translation>仍有任务在运行。要停止它并退出吗？

搜索会被保存，之后可以从其运行文件夹继续。</translation>
    </message>
    <message>
        <source>Views</source>
        <translation>视图</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>仪表板</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>检查器</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>日志</translation>
    </message>
    <message>
        <source>&amp;New Search…</source>
        <translation>新建搜索(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Open Run Folder…</source>
        <translation>打开运行文件夹(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Start Search</source>
        <translation>开始搜索(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>暂停(&amp;P)</translation>
    </message>
    <message>
        <source>Stop the search after saving it; Resume continues it</source>
        <translation>保存后停止搜索；“继续”可接着运行</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>继续(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Cancel Job</source>
        <translation>取消任务(&amp;C)</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>开始(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Dataset</source>
        <translation>数据集(&amp;D)</translation>
    </message>
    <message>
        <source>S&amp;earch</source>
        <translation>搜索(&amp;E)</translation>
    </message>
    <message>
        <source>Dash&amp;board</source>
        <translation>仪表板(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Inspector</source>
        <translation>检查器(&amp;I)</translation>
    </message>
    <message>
        <source>Job progress</source>
        <translation>任务进度</translation>
    </message>
    <message>
        <source>Cannot start</source>
        <translation>无法开始</translation>
    </message>
    <message>
        <source>Choose an output folder for the run first.</source>
        <translation>请先为本次运行选择输出文件夹。</translation>
    </message>
    <message>
        <source>Search started in %1</source>
        <translation>搜索已在 %1 中开始</translation>
    </message>
    <message>
        <source>Open run folder</source>
        <translation>打开运行文件夹</translation>
    </message>
    <message>
        <source>Wait for the running job to finish (or cancel it) before opening another run.</source>
        <translation>请等待正在运行的任务结束（或取消它）后再打开其他运行。</translation>
    </message>
    <message>
        <source>Cannot open run</source>
        <translation>无法打开运行</translation>
    </message>
    <message>
        <source>%1 (read-only): %2, %3 architectures, iteration %4</source>
        <translation>%1（只读）：%2，%3 个架构，第 %4 次迭代</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>Opened run %1</source>
        <translation>已打开运行 %1</translation>
    </message>
    <message>
        <source>The last journal line was cut off (a crash?) and was skipped.</source>
        <translation>日志的最后一行被截断（可能是崩溃？），已跳过。</translation>
    </message>
    <message>
        <source>Selected architecture #%1</source>
        <translation>已选择架构 #%1</translation>
    </message>
    <message>
        <source>Evaluating architecture #%1 on the test split</source>
        <translation>正在测试集上评估架构 #%1</translation>
    </message>
    <message>
        <source>Exporting architecture #%1</source>
        <translation>正在导出架构 #%1</translation>
    </message>
    <message>
        <source>ETA %1</source>
        <translation>剩余时间 %1</translation>
    </message>
    <message>
        <source>Finished: %1</source>
        <translation>已完成：%1</translation>
    </message>
    <message>
        <source>Job finished: %1</source>
        <translation>任务完成：%1</translation>
    </message>
    <message>
        <source>Export finished</source>
        <translation>导出完成</translation>
    </message>
    <message>
        <source>Stopped: %1</source>
        <translation>已停止：%1</translation>
    </message>
    <message>
        <source>Job stopped: %1</source>
        <translation>任务已停止：%1</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Job failed: %1</source>
        <translation>任务失败：%1</translation>
    </message>
    <message>
        <source>The job failed</source>
        <translation>任务失败</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message numerus="yes">
        <source>Fine-tuning architecture #%1 for %n epoch(s), then evaluating it on the test split</source>
        <translation>
            <numerusform>正在将架构 #%1 微调 %n 轮，然后在测试集上评估</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>nat::ui::ParallelCoordsView</name>
    <message>
        <source>Parallel coordinates of the objectives</source>
        <translation>各目标的平行坐标</translation>
    </message>
    <message>
        <source>Click a line to select its architecture; drag along an axis to select a range; double click clears</source>
        <translation>点击一条线选择其架构；沿坐标轴拖动选择范围；双击清除</translation>
    </message>
    <message>
        <source>No architectures yet</source>
        <translation>尚无架构</translation>
    </message>
</context>
<context>
    <name>nat::ui::RunController</name>
    <message>
        <source>No search engine is available in this build.</source>
        <translation>此版本中没有可用的搜索引擎。</translation>
    </message>
    <message>
        <source>Another job is still running. Wait for it to finish or cancel it first.</source>
        <translation>另一个任务仍在运行。请等待其完成或先取消它。</translation>
    </message>
</context>
<context>
    <name>nat::ui::SearchPage</name>
    <message>
        <source>Preset</source>
        <translation>预设</translation>
    </message>
    <message>
        <source>&amp;Preset:</source>
        <translation>预设(&amp;P)：</translation>
    </message>
    <message>
        <source>Objectives:</source>
        <translation>目标：</translation>
    </message>
    <message>
        <source>Iterations</source>
        <translation>迭代次数</translation>
    </message>
    <message>
        <source>&amp;Iterations:</source>
        <translation>迭代次数(&amp;I)：</translation>
    </message>
    <message>
        <source>Warm-up epochs on sampled subnets</source>
        <translation>在采样子网上的预热轮次</translation>
    </message>
    <message>
        <source>&amp;Warm-up epochs:</source>
        <translation>预热轮次(&amp;W)：</translation>
    </message>
    <message>
        <source>Adaptation epochs per iteration</source>
        <translation>每次迭代的适应轮次</translation>
    </message>
    <message>
        <source>&amp;Adaptation epochs per iteration:</source>
        <translation>每次迭代的适应轮次(&amp;A)：</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>&amp;Device:</source>
        <translation>设备(&amp;D)：</translation>
    </message>
    <message>
        <source>all cores (%1)</source>
        <translation>全部核心（%1）</translation>
    </message>
    <message>
        <source>Threads</source>
        <translation>线程数</translation>
    </message>
    <message>
        <source>&amp;Threads:</source>
        <translation>线程数(&amp;T)：</translation>
    </message>
    <message>
        <source>Random seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>&amp;Seed:</source>
        <translation>种子(&amp;S)：</translation>
    </message>
    <message>
        <source>Output folder</source>
        <translation>输出文件夹</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Choose output folder</source>
        <translation>选择输出文件夹</translation>
    </message>
    <message>
        <source>&amp;Output folder:</source>
        <translation>输出文件夹(&amp;O)：</translation>
    </message>
    <message>
        <source>Training steps timed from the largest subnet&apos;s MACs as measured on a 2-core CPU (a sampled step counts the largest as teacher plus 0.6 per sampled subnet; CUDA 20× faster), plus each evaluated architecture&apos;s validation and BN-calibration images. More or faster cores make it shorter.</source>
        <translation>训练步数按最大子网的 MACs 计时（在双核 CPU 上测得；采样步骤计为作为教师的最大子网加上每个采样子网 0.6；CUDA 快 20 倍），加上每个被评估架构的验证图像和 BN 校准图像。更多或更快的核心会缩短耗时。</translation>
    </message>
    <message>
        <source>Estimated duration:</source>
        <translation>预计耗时：</translation>
    </message>
    <message>
        <source>Start search</source>
        <translation>开始搜索</translation>
    </message>
    <message>
        <source>Fashion-MNIST (built in)</source>
        <translation>Fashion-MNIST（内置）</translation>
    </message>
    <message>
        <source>&lt;b&gt;Dataset:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;数据集：&lt;/b&gt;%1</translation>
    </message>
    <message>
        <source>about %1</source>
        <translation>约 %1</translation>
    </message>
    <message>
        <source>Output folder for the run</source>
        <translation>本次运行的输出文件夹</translation>
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
<context>
    <name>nat::ui::StartPage</name>
    <message>
        <source>New search…</source>
        <translation>新建搜索…</translation>
    </message>
    <message>
        <source>Open run folder…</source>
        <translation>打开运行文件夹…</translation>
    </message>
    <message>
        <source>Open dataset…</source>
        <translation>打开数据集…</translation>
    </message>
    <message>
        <source>&lt;b&gt;Recent runs&lt;/b&gt; (double-click to open)</source>
        <translation>&lt;b&gt;最近的运行&lt;/b&gt;（双击打开）</translation>
    </message>
    <message>
        <source>Recent runs</source>
        <translation>最近的运行</translation>
    </message>
    <message>
        <source>Tip: drop a run folder or a dataset folder anywhere on this window.</source>
        <translation>提示：可将运行文件夹或数据集文件夹拖放到此窗口的任意位置。</translation>
    </message>
    <message>
        <source>&lt;h1&gt;NAT Studio&lt;/h1&gt;&lt;p&gt;Neural Architecture Transfer for your own images: search accuracy–cost trade-offs, inspect and export the networks you like.&lt;/p&gt;&lt;p&gt;Dataset: &lt;b&gt;%1&lt;/b&gt;&lt;/p&gt;</source>
        <translation>&lt;h1&gt;NAT Studio&lt;/h1&gt;&lt;p&gt;为您自己的图像进行神经架构迁移：搜索准确率与开销之间的权衡，检查并导出您满意的网络。&lt;/p&gt;&lt;p&gt;数据集：&lt;b&gt;%1&lt;/b&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>No runs yet. Start a new search or open a run folder.</source>
        <translation>尚无运行。请开始新的搜索或打开运行文件夹。</translation>
    </message>
</context>
</TS>
