using AutoMapper;
using ChannelBridge.Domain.UserConfigs;

namespace ChannelBridge.Application.Config;

/// <summary>Renders an integration's current step (or config screen) with its values; PASSWORD values are masked.</summary>
internal sealed class UserConfigResponseFactory(IMapper mapper, WizardDefinition wizard)
{
    public UserConfigResponse Create(UserConfig userConfig)
    {
        var step = userConfig.CurrentStep(wizard);
        return new UserConfigResponse
        {
            StepName = step.Name,
            AccountName = userConfig.AccountName,
            WizardStepTitle = step.Title,
            WizardStepDescription = step.Description,
            ConfigItems = [.. step.Items.Select(item =>
            {
                var dto = mapper.Map<ConfigItemDto>(item);
                dto.SelectedValue = userConfig.DisplayValue(item);
                return dto;
            })],
        };
    }
}
