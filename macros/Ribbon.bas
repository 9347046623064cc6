Attribute VB_Name = "Ribbon"
Option Explicit
' Ribbon callbacks. Each runs the Python entry point of the same name in shopbook.xl,
' which runs the same library call as its CLI command (see shopbook/xl/__init__.py).
' The Python command must hold no double quotes: RunPython passes it to -c "...".

Private Const ORDER_FILES As String = "*.csv;*.xlsx;*.xls"
' The add-in's language, for the words the VBA itself says: `shopbook addin build --lang en`
' writes "en" here (addin/build.py), as it swaps the ribbon's labels.
Private Const ADDIN_LANG As String = "zh"

Private Function PyText(ByVal s As String) As String
    ' s as a Python string literal. Every ASCII character but letters, digits and " ._-/:" is
    ' written as \xNN, so the command passes unchanged through cmd.exe /C "..." (Windows: it
    ' expands %NAME%), the shell's "..." (macOS: $ ` " \) and xlwings' AppleScript, which splits
    ' its one parameter at | (the | between chosen files must not be a | in the command).
    ' Other characters (Chinese) pass as they are: the command line is UTF-16 up to Python.
    Dim i As Long, c As Long, out As String
    For i = 1 To Len(s)
        c = AscW(Mid$(s, i, 1)) And &HFFFF&
        If c >= 128 Then
            out = out & Mid$(s, i, 1)
        ElseIf (c >= 48 And c <= 57) Or (c >= 65 And c <= 90) Or (c >= 97 And c <= 122) Then
            out = out & Chr$(c)
        ElseIf InStr(" ._-/:", Chr$(c)) > 0 Then
            out = out & Chr$(c)
        Else
            out = out & "\x" & Right$("0" & Hex$(c), 2)
        End If
    Next i
    PyText = "'" & out & "'"
End Function

Private Function U(ByVal hexText As String) As String
    ' UTF-16 code units written as hex: the way to carry Chinese in a code-page-1252 module.
    Dim i As Long, t As String
    For i = 1 To Len(hexText) Step 4
        t = t & ChrW(CLng("&H" & Mid$(hexText, i, 4)))
    Next i
    U = t
End Function

Private Function Said(ByVal zhHex As String, ByVal en As String) As String
    ' Words in the add-in's language: the Chinese as U() hex.
    If ADDIN_LANG = "en" Then
        Said = en
    Else
        Said = U(zhHex)
    End If
End Function

Private Function PickFiles(ByVal what As String, ByVal patterns As String, ByVal many As Boolean) As String
    ' The file dialog: its filter described, and its title, in the add-in's language
    ' ("shopbook - Choose: what"; the Chinese "choose" as U() hex).
    Dim f As Variant, i As Long, picked As String
    f = Application.GetOpenFilename(what & " (" & patterns & ")," & patterns, , _
        "shopbook - " & Said("900962E9FF1A", "Choose: ") & what, , many)
    If many Then
        If Not IsArray(f) Then Exit Function
        For i = LBound(f) To UBound(f)
            If Len(picked) > 0 Then picked = picked & "|"
            picked = picked & f(i)
        Next i
    Else
        If VarType(f) = vbBoolean Then Exit Function
        picked = f
    End If
    PickFiles = picked
End Function

Private Function CannotRun() As Boolean
    ' What stops xlwings' RunPython, said first in the add-in's language, before any question or
    ' dialog. No active workbook (Excel left open after its last one was closed, or one in Protected
    ' View): RunPython reads its sheets, name and folder and stops on VBA's error 91, offering the
    ' debugger. No interpreter in any settings (shopbook.conf never written, or gone). (Windows) an
    ' interpreter the settings name that is not there (its environment removed or moved): RunPython
    ' says "Could not find Interpreter!", in English, and no more; the same lookup as its own
    ' (xlwings.bas: GetConfig, FileExists).
    CannotRun = True
    If Application.ActiveWorkbook Is Nothing Then
        MsgBox Said("6CA1670953EF4EE57F168F9176845DE54F5C7C3F62535F007740FF1A8BF762535F005E9794FA65874EF6593991CC76845DE54F5C7C3FFF0800730074006F0063006B002E0078006C007300783001006F00720064006500720073002E0078006C0073007800202026FF09FF0C572890A391CC63098FD94E2A630994AEFF085728201C53D74FDD62A4768489C656FE201D91CC62535F007684FF0C514870B9201C542F75287F168F91201DFF093002", _
            "No workbook open for editing: open a workbook in the shop folder (stock.xlsx, orders.xlsx ...) " _
            & "and press the button there (one opened in Protected View: click Enable Editing first)."), _
            vbExclamation, "shopbook"
        Exit Function
    End If
    Dim interpreter As String, key As String
    #If Mac Then
    key = "INTERPRETER_MAC"
    #Else
    key = "INTERPRETER_WIN"
    #End If
    interpreter = GetConfig(key, "")
    If interpreter = "" Then interpreter = GetConfig("INTERPRETER", "")
    If interpreter = "" And (GetConfig("CONDA PATH") = "" Or GetConfig("CONDA ENV") = "") Then
        ' No settings found (never installed, the file gone or unreadable): RunPython would run "python"
        ' from PATH (Windows' Store alias opens the Store) and end on a traceback or an empty error box.
        ' (A conda environment named in the settings is a Python: xlwings runs "python" in it.)
        MsgBox Said("627E4E0D5230002000730068006F00700062006F006F006B002076848BBE7F6EFF1A00730068006F00700062006F006F006B002E0063006F006E0066002091CC6CA167090020", "shopbook's settings were not found: shopbook.conf has no ") & key _
            & Said("FF0C0045007800630065006C00204E0D77E59053752854EA4E2A00200050007900740068006F006E00208FD0884C002000730068006F00700062006F006F006B30028BF75728547D4EE463D0793A7B26FF08004D00610063FF1A7EC87AEFFF0991CC8FD0884C002000730068006F00700062006F006F006B" _
                & "00200061006400640069006E00200069006E007300740061006C006CFF1B5DF27ECF88C58FC77684FF0C8FD0884C002000730068006F00700062006F006F006B00200061006400640069006E00200064006F00630074006F0072002067E5770B539F56E03002", _
                ", so Excel does not know which Python runs shopbook. Run shopbook addin install in a command prompt (on a Mac: Terminal); if it was installed, run shopbook addin doctor to see why."), vbCritical, "shopbook"
        Exit Function
    End If
    ' A conda environment and no interpreter: RunPython runs "python" (its default), in that environment; there is
    ' no file to look for (FileExists("") is False, and every button said "Python was not found: " with no name).
    If interpreter = "" Then interpreter = "python"
    #If Not Mac Then
    If interpreter <> "python" And interpreter <> "pythonw" Then
        If Not FileExists(interpreter) Then
            MsgBox Said("627E4E0D523000200050007900740068006F006EFF1A", "Python was not found: ") & interpreter & vbLf _
                & Said("8FD9662F002000730068006F00700062006F006F006B002076848BBE7F6EFF0800730068006F00700062006F006F006B002E0063006F006E0066002091CC768400200049004E005400450052005000520045005400450052005F00570049004EFF0963075B9A768400200050007900740068006F006EFF0C5B83768473AF588353EF80FD88AB52209664621679FB52A84E8630028BF75728547D4EE4884C8FD0884C002000730068006F00700062006F006F006B00200061006400640069006E00200064006F00630074006F0072002067E5770B539F56E0FF0C621691CD65B08FD0884C002000730068006F00700062006F006F006B00200061006400640069006E00200069006E007300740061006C006C3002", _
                "It is the Python shopbook's settings name (INTERPRETER_WIN in shopbook.conf); its environment may " _
                & "have been removed or moved. Run shopbook addin doctor in a command prompt to see why, or run " _
                & "shopbook addin install again."), vbCritical, "shopbook"
            Exit Function
        End If
    End If
    #End If
    CannotRun = False
End Function

Private Sub CallPython(ByVal pythonCall As String)
    RunPython "import shopbook.xl; shopbook.xl." & pythonCall
End Sub

Private Sub RunShopbook(ByVal pythonCall As String)
    If CannotRun() Then Exit Sub
    CallPython pythonCall
End Sub

Private Sub WithFile(ByVal entry As String, ByVal what As String, ByVal patterns As String, ByVal many As Boolean)
    If CannotRun() Then Exit Sub
    RunWithPath entry, PickFiles(what, patterns, many)
End Sub

Private Function OrderFiles() As String
    OrderFiles = Said("8BA253555BFC51FA65874EF6", "Order exports")
End Function

Private Sub RunWithPath(ByVal entry As String, ByVal picked As String)
    ' picked: the chosen file, or the chosen files separated by |
    If Len(picked) = 0 Then Exit Sub
    CallPython entry & "(path=" & PyText(picked) & ")"
End Sub

Private Sub AskFilesFirst(ByVal entry As String, ByVal what As String, ByVal patterns As String, ByVal question As String)
    ' Yes: the files chosen in the dialog (none chosen: nothing runs); No: the entry point
    ' without files; Cancel: nothing runs.
    If CannotRun() Then Exit Sub
    Select Case MsgBox(question, vbYesNoCancel + vbQuestion, "shopbook")
    Case vbYes
        WithFile entry, what, patterns, True
    Case vbNo
        CallPython entry & "()"
    End Select
End Sub

Private Function MorningQuestion() As String
    ' In the add-in's language (no shop has been read yet to say which). The Chinese, as U() hex:
    ' import the platforms' order exports first? / Yes: choose the exports, import them, then
    ' review and pick / No: only review and pick (the orders already in orders.xlsx) / Cancel: nothing runs
    If ADDIN_LANG = "en" Then
        MorningQuestion = "Import the platforms' order exports first?" & vbLf _
            & "Yes: choose the exports, import them, then review and pick" & vbLf _
            & "No: only review and pick (the orders already in orders.xlsx)" & vbLf _
            & "Cancel: nothing runs"
    Else
        MorningQuestion = U("51485BFC51655E7353F076848BA253555BFC51FA65874EF65417FF1F") & vbLf _
            & U("662FFF1A900962E95BFC51FA65874EF6FF0C5BFC5165540E5BA153555E7662E38D27") & vbLf _
            & U("5426FF1A53EA5BA153555E7662E38D27FF08006F00720064006500720073002E0078006C00730078002091CC5DF2670976848BA25355FF09") & vbLf _
            & U("53D66D88FF1A4E0D8FD0884C")
    End If
End Function

Sub Validate(control As IRibbonControl)
    RunShopbook "validate()"
End Sub

Sub ImportOrders(control As IRibbonControl)
    WithFile "import_orders", OrderFiles(), ORDER_FILES, True
End Sub

Sub Review(control As IRibbonControl)
    RunShopbook "review()"
End Sub

Sub Picklist(control As IRibbonControl)
    RunShopbook "picklist()"
End Sub

Sub Morning(control As IRibbonControl)
    AskFilesFirst "morning", OrderFiles(), ORDER_FILES, MorningQuestion()
End Sub

Sub ShipScans(control As IRibbonControl)
    WithFile "ship_scans", Said("626B63CF65874EF6", "Scans"), "*.txt;*.csv", False
End Sub

Sub Aftersales(control As IRibbonControl)
    RunShopbook "aftersales()"
End Sub

Sub AftersalesReceive(control As IRibbonControl)
    WithFile "aftersales_receive", Said("90008D27626B63CF", "Return scans"), "*.txt;*.csv", False
End Sub

Sub StockSummary(control As IRibbonControl)
    RunShopbook "stock_summary()"
End Sub

Sub StockAlerts(control As IRibbonControl)
    RunShopbook "stock_alerts()"
End Sub

Sub StocktakeSheet(control As IRibbonControl)
    RunShopbook "stocktake_sheet()"
End Sub

Sub StocktakePost(control As IRibbonControl)
    RunShopbook "stocktake_post()"
End Sub

Sub PurchaseSuggest(control As IRibbonControl)
    RunShopbook "purchase_suggest()"
End Sub

Sub PurchaseReceive(control As IRibbonControl)
    WithFile "purchase_receive", Said("65368D27626B63CF621676D870B98868", "Delivery scans or count sheet"), _
        "*.txt;*.csv;*.xlsx", False
End Sub

Sub Pnl(control As IRibbonControl)
    RunShopbook "pnl()"
End Sub

Sub ReconcileAlipay(control As IRibbonControl)
    WithFile "reconcile_alipay", Said("652F4ED85B9D8D265355", "Alipay statement"), "*.csv;*.zip;*.xlsx", False
End Sub

Sub ReconcileWechat(control As IRibbonControl)
    WithFile "reconcile_wechat", Said("5FAE4FE1652F4ED88D265355", "WeChat Pay bill"), "*.csv;*.zip;*.xlsx", False
End Sub

Sub ImportKpi(control As IRibbonControl)
    WithFile "import_kpi", Said("751F610F53C28C0B4E0B8F7D", "Shop data downloads"), "*.xls;*.xlsx", True
End Sub

Sub ReconcileCourier(control As IRibbonControl)
    WithFile "reconcile_courier", Said("5FEB90128D265355", "Courier bill"), "*.xlsx;*.xls;*.csv", False
End Sub

Sub AgentSheets(control As IRibbonControl)
    RunShopbook "agent_sheets()"
End Sub

Sub AgentSettle(control As IRibbonControl)
    RunShopbook "agent_settle()"
End Sub

Sub DailyReport(control As IRibbonControl)
    RunShopbook "daily_report()"
End Sub

Sub SelfCheck(control As IRibbonControl)
    RunShopbook "self_check()"
End Sub

Sub MonthlyReport(control As IRibbonControl)
    RunShopbook "monthly_report()"
End Sub

Sub Email(control As IRibbonControl)
    RunShopbook "email()"
End Sub
